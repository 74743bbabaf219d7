import {
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandInput,
  type Instance,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { vpcWithSubnet } from '../support/lab-network';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';

const AMI = 'ami-0c9c942bd7bf113a2';
const WEB_SERVER = Buffer.from(
  "#!/bin/bash\ndnf install -y httpd\necho '<html><h1>Endpoint Service Web Server 1</h1></html>' > /var/www/html/index.html\nsystemctl enable --now httpd\n",
).toString('base64');

const local = localCloudForTests();
let network: { vpcId: string; subnetId: string };
beforeAll(async () => {
  network = await vpcWithSubnet(local.ec2, '10.0.0.0/16', '10.0.1.0/24');
});

const launch = (input: Partial<RunInstancesCommandInput> = {}) =>
  local.ec2.send(new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: network.subnetId, ...input }));

const describeOne = async (instanceId: string): Promise<Instance> => {
  const { Reservations } = await local.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return Reservations![0]!.Instances![0]!;
};

const listedIds = async (input: DescribeInstancesCommandInput): Promise<string[]> => {
  const { Reservations } = await local.ec2.send(new DescribeInstancesCommand(input));
  return (Reservations ?? []).flatMap((reservation) => reservation.Instances!.map((instance) => instance.InstanceId!));
};

describe('RunInstances', () => {
  test('launches a pending instance in the subnet, with its interface, addresses and names', async () => {
    const reservation = await launch({ KeyName: 'lab-key', IamInstanceProfile: { Name: 'lab-ssm' }, UserData: WEB_SERVER });
    expect(reservation.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    const [instance] = reservation.Instances!;
    expect(instance).toMatchObject({
      ImageId: AMI,
      InstanceType: 't3.micro',
      State: { Code: 0, Name: 'pending' },
      SubnetId: network.subnetId,
      VpcId: network.vpcId,
      KeyName: 'lab-key',
      Architecture: 'x86_64',
      Placement: { AvailabilityZone: `${REGION}a` },
      IamInstanceProfile: { Arn: 'arn:aws:iam::000000000000:instance-profile/lab-ssm' },
      PublicDnsName: '',
    });
    expect(instance!.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(instance!.PrivateIpAddress).toMatch(/^10\.0\.1\.\d+$/);
    expect(instance!.PrivateDnsName).toBe(`ip-${instance!.PrivateIpAddress!.replaceAll('.', '-')}.${REGION}.compute.internal`);
    expect(instance!.PublicIpAddress).toBeUndefined();
    expect(instance!.SecurityGroups).toEqual([expect.objectContaining({ GroupName: 'default' })]);
    expect(instance!.NetworkInterfaces![0]).toMatchObject({ PrivateIpAddress: instance!.PrivateIpAddress, Attachment: { DeviceIndex: 0, Status: 'attached' } });
  });

  test('defaults to m1.small, as EC2 does, and tells Graviton types apart', async () => {
    const [plain] = (await launch({ InstanceType: undefined })).Instances!;
    expect(plain!.InstanceType).toBe('m1.small');
    const [graviton] = (await launch({ InstanceType: 't4g.small' })).Instances!;
    expect(graviton!.Architecture).toBe('arm64');
  });

  test('launches MaxCount instances in one reservation, each with its own address', async () => {
    const reservation = await launch({ MinCount: 1, MaxCount: 3 });
    const instances = reservation.Instances!;
    expect(instances.map((instance) => instance.AmiLaunchIndex)).toEqual([0, 1, 2]);
    expect(new Set(instances.map((instance) => instance.PrivateIpAddress)).size).toBe(3);
    const listed = await local.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'reservation-id', Values: [reservation.ReservationId!] }] }));
    expect(listed.Reservations).toHaveLength(1);
    expect(listed.Reservations![0]!.Instances).toHaveLength(3);
  });

  test('gives unique public addresses when asked, and public names once the VPC has DNS hostnames', async () => {
    const reservation = await launch({
      SubnetId: undefined,
      MaxCount: 2,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: network.subnetId, AssociatePublicIpAddress: true }],
    });
    const addresses = reservation.Instances!.map((instance) => instance.PublicIpAddress!);
    addresses.forEach((address) => expect(address).toMatch(/^3\.\d+\.\d+\.\d+$/));
    expect(new Set(addresses).size).toBe(2);
    expect(reservation.Instances![0]!.PublicDnsName).toBe('');

    await local.ec2.send(new ModifyVpcAttributeCommand({ VpcId: network.vpcId, EnableDnsHostnames: { Value: true } }));
    const instance = await describeOne(reservation.Instances![0]!.InstanceId!);
    expect(instance.PublicDnsName).toBe(`ec2-${addresses[0]!.replaceAll('.', '-')}.${REGION}.compute.amazonaws.com`);
    expect(instance.NetworkInterfaces![0]!.Association).toMatchObject({ PublicIp: addresses[0], IpOwnerId: 'amazon' });
    await local.ec2.send(new ModifyVpcAttributeCommand({ VpcId: network.vpcId, EnableDnsHostnames: { Value: false } }));
  });

  test("a subnet that maps public addresses on launch gives one unless the launch declines", async () => {
    const { subnetId } = await vpcWithSubnet(local.ec2, '10.7.0.0/16', '10.7.1.0/24');
    await local.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
    const [mapped] = (await launch({ SubnetId: subnetId })).Instances!;
    expect(mapped!.PublicIpAddress).toMatch(/^3\.\d+\.\d+\.\d+$/);
    const declined = await launch({ SubnetId: undefined, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: false }] });
    expect(declined.Instances![0]!.PublicIpAddress).toBeUndefined();
  });

  test('the same ClientToken answers with the same reservation, and refuses other parameters', async () => {
    const first = await launch({ ClientToken: 'lab-provider-1', MaxCount: 2 });
    const again = await launch({ ClientToken: 'lab-provider-1', MaxCount: 2 });
    expect(again.ReservationId).toBe(first.ReservationId);
    expect(again.Instances!.map((instance) => instance.InstanceId)).toEqual(first.Instances!.map((instance) => instance.InstanceId));
    expect(await listedIds({ Filters: [{ Name: 'client-token', Values: ['lab-provider-1'] }] })).toHaveLength(2);

    const mismatch = await refused(launch({ ClientToken: 'lab-provider-1', MaxCount: 1 }));
    expect(mismatch.name).toBe('IdempotentParameterMismatch');
  });

  test('refuses what EC2 refuses', async () => {
    const { GroupId: foreignGroup } = await local.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'elsewhere', Description: 'in another VPC', VpcId: (await vpcWithSubnet(local.ec2, '10.9.0.0/16', '10.9.1.0/24')).vpcId }),
    );
    const cases: [Partial<RunInstancesCommandInput>, string, RegExp?][] = [
      [{ ImageId: 'image-1' }, 'InvalidAMIID.Malformed'],
      [{ InstanceType: 'huge.box' as RunInstancesCommandInput['InstanceType'] }, 'InvalidParameterValue', /Invalid value 'huge\.box' for InstanceType/],
      [{ MinCount: 3, MaxCount: 2 }, 'InvalidParameterValue', /minCount/],
      [{ SubnetId: undefined, Placement: { AvailabilityZone: `${REGION}z` } }, 'InvalidParameterValue', new RegExp(`^Invalid availability zone: \\[${REGION}z\\]$`)],
      [{ Placement: { AvailabilityZone: `${REGION}b` } }, 'InvalidParameterValue', new RegExp(`Subnet '${network.subnetId}' is in the availability zone ${REGION}a`)],
      [{ SubnetId: 'subnet-0123456789abcdef0' }, 'InvalidSubnetID.NotFound'],
      [{ SecurityGroupIds: [foreignGroup!] }, 'InvalidParameter', new RegExp(`Security group ${foreignGroup} and subnet ${network.subnetId} belong to different networks`)],
      [{ SecurityGroupIds: ['sg-0123456789abcdef0'] }, 'InvalidGroup.NotFound'],
      [{ UserData: 'not base64!' }, 'InvalidParameterValue', /BASE64/],
      [{ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }, 'InvalidParameterValue', /taggable resource type/],
    ];
    for (const [input, code, message] of cases) {
      const error = await refused(launch(input));
      expect({ input, code: error.name }).toEqual({ input, code });
      if (message) expect(error.message).toMatch(message);
    }
  });
});

describe('DescribeInstances', () => {
  let tagged: string[];
  beforeAll(async () => {
    const reservation = await launch({
      InstanceType: 't3.nano',
      MaxCount: 6,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'vpce-lab:run-id', Value: 'filters' }] }],
    });
    tagged = reservation.Instances!.map((instance) => instance.InstanceId!);
  });

  test('filters by tag, type, image, network and address', async () => {
    const run = { Name: 'tag:vpce-lab:run-id', Values: ['filters'] };
    expect(await listedIds({ Filters: [run] })).toEqual(tagged);
    expect(await listedIds({ Filters: [{ Name: 'tag-key', Values: ['vpce-lab:*'] }, { Name: 'instance-type', Values: ['t3.nano'] }] })).toEqual(tagged);
    expect(await listedIds({ Filters: [run, { Name: 'image-id', Values: [AMI] }, { Name: 'vpc-id', Values: [network.vpcId] }, { Name: 'subnet-id', Values: [network.subnetId] }] })).toEqual(tagged);
    const first = await describeOne(tagged[0]!);
    expect(await listedIds({ Filters: [{ Name: 'private-ip-address', Values: [first.PrivateIpAddress!] }] })).toEqual([tagged[0]]);
    expect(await listedIds({ Filters: [run, { Name: 'ip-address', Values: ['*'] }] })).toEqual([]);
    expect(await listedIds({ Filters: [run, { Name: 'instance-state-name', Values: ['pending', 'shutting-down'] }] })).toEqual([]);
    expect(await listedIds({ Filters: [run, { Name: 'instance-state-name', Values: ['running'] }] })).toEqual(tagged);
  });

  test('pages through instances with MaxResults and NextToken', async () => {
    const filters = [{ Name: 'tag:vpce-lab:run-id', Values: ['filters'] }];
    const first = await local.ec2.send(new DescribeInstancesCommand({ Filters: filters, MaxResults: 5 }));
    expect(first.Reservations!.flatMap((reservation) => reservation.Instances)).toHaveLength(5);
    const second = await local.ec2.send(new DescribeInstancesCommand({ Filters: filters, MaxResults: 5, NextToken: first.NextToken }));
    expect(second.Reservations!.flatMap((reservation) => reservation.Instances)).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect((await refused(local.ec2.send(new DescribeInstancesCommand({ MaxResults: 2 })))).name).toBe('InvalidParameterValue');
  });

  test('refuses unknown and malformed instance ids', async () => {
    expect((await refused(local.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })))).name).toBe('InvalidInstanceID.NotFound');
    expect((await refused(local.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })))).name).toBe('InvalidInstanceID.Malformed');
  });
});

describe('TerminateInstances', () => {
  test('answers with the state before and after, and may be asked twice', async () => {
    const [launched] = (await launch()).Instances!;
    const id = launched!.InstanceId!;
    const { TerminatingInstances } = await local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(TerminatingInstances).toEqual([{ InstanceId: id, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 32, Name: 'shutting-down' } }]);
    const again = await local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(again.TerminatingInstances).toEqual([{ InstanceId: id, PreviousState: { Code: 48, Name: 'terminated' }, CurrentState: { Code: 48, Name: 'terminated' } }]);
  });

  test('refuses unknown and malformed ids without terminating anything', async () => {
    const [live] = (await launch()).Instances!;
    const unknown = await refused(local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [live!.InstanceId!, 'i-0123456789abcdef0'] })));
    expect(unknown.name).toBe('InvalidInstanceID.NotFound');
    expect((await describeOne(live!.InstanceId!)).State!.Name).toBe('running');
    expect((await refused(local.ec2.send(new TerminateInstancesCommand({ InstanceIds: ['i-xyz'] })))).name).toBe('InvalidInstanceID.Malformed');
  });
});

describe('the instance lifecycle on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  let subnetId: string;
  beforeAll(async () => {
    ({ subnetId } = await vpcWithSubnet(paced.ec2, '10.0.0.0/16', '10.0.1.0/24'));
  });

  const launchPaced = async (runId: string): Promise<Instance> => {
    const { Instances } = await paced.ec2.send(
      new RunInstancesCommand({
        ImageId: AMI,
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: true }],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'vpce-lab:run-id', Value: runId }] }],
      }),
    );
    return Instances![0]!;
  };
  const listed = async (runId: string): Promise<string[]> => {
    const { Reservations } = await paced.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:vpce-lab:run-id', Values: [runId] }] }));
    return (Reservations ?? []).flatMap((reservation) => reservation.Instances!.map((instance) => instance.State!.Name!));
  };
  const byId = async (id: string): Promise<Instance> => (await paced.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;

  test('boots for about 30 s, shuts down keeping its address, then terminates without a network', async () => {
    const launched = await launchPaced('lifecycle');
    const id = launched.InstanceId!;
    paced.awsTimePasses(29);
    expect(await listed('lifecycle')).toEqual(['pending']);
    paced.awsTimePasses(1);
    expect(await listed('lifecycle')).toEqual(['running']);

    await paced.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const shuttingDown = await byId(id);
    expect(shuttingDown).toMatchObject({ State: { Code: 32, Name: 'shutting-down' }, PublicIpAddress: launched.PublicIpAddress, SubnetId: subnetId });
    paced.awsTimePasses(60);
    const terminated = await byId(id);
    expect(terminated).toMatchObject({ State: { Code: 48, Name: 'terminated' }, StateReason: { Code: 'Client.UserInitiatedShutdown' }, NetworkInterfaces: [], PrivateDnsName: '' });
    expect(terminated.StateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(terminated.PublicIpAddress).toBeUndefined();
    expect(terminated.PrivateIpAddress).toBeUndefined();
  });

  test('an instance terminated while pending never runs', async () => {
    const { InstanceId } = await launchPaced('early-exit');
    const { TerminatingInstances } = await paced.ec2.send(new TerminateInstancesCommand({ InstanceIds: [InstanceId!] }));
    expect(TerminatingInstances![0]!.PreviousState).toEqual({ Code: 0, Name: 'pending' });
    paced.awsTimePasses(30);
    expect(await listed('early-exit')).toEqual(['shutting-down']);
    paced.awsTimePasses(30);
    expect(await listed('early-exit')).toEqual(['terminated']);
  });

  test('a terminated instance stays listed for about an hour, then answers only by id', async () => {
    const { InstanceId } = await launchPaced('lingering');
    await paced.ec2.send(new TerminateInstancesCommand({ InstanceIds: [InstanceId!] }));
    paced.awsTimePasses(60);
    expect(await listed('lingering')).toEqual(['terminated']);
    paced.awsTimePasses(59 * 60);
    expect(await listed('lingering')).toEqual(['terminated']);
    paced.awsTimePasses(60);
    expect(await listed('lingering')).toEqual([]);
    expect((await byId(InstanceId!)).State!.Name).toBe('terminated');
  });
});

test('an ImageId of resolve:ssm:<parameter> launches the AMI the parameter holds; a parameter that does not exist is refused naming it', async () => {
  const name = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  const { Parameter } = await local.ssm.send(new GetParameterCommand({ Name: name }));
  const { Instances } = await launch({ ImageId: `resolve:ssm:${name}` });
  expect(Instances?.[0]?.ImageId).toBe(Parameter?.Value);
  expect(Parameter?.Value).toMatch(/^ami-/);

  const missing = await refused(launch({ ImageId: 'resolve:ssm:/no/such/parameter' }));
  expect(missing).toMatchObject({ name: 'InvalidParameterValue', message: expect.stringContaining('the Systems Manager parameter /no/such/parameter does not exist in') });
});
