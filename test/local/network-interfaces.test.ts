import {
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DescribeNetworkInterfacesCommand,
  type DescribeNetworkInterfacesCommandInput,
  type NetworkInterface,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { vpcWithSubnet } from '../support/lab-network';
import { ATTACHMENT_OWNER } from '../../local/services/ec2/api/network-interface-shape';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';

const AMI = 'ami-0c9c942bd7bf113a2';

const local = localCloudForTests();
let network: { vpcId: string; subnetId: string };
beforeAll(async () => {
  network = await vpcWithSubnet(local.ec2, '10.0.0.0/16', '10.0.1.0/24');
});

const interfaces = async (input: DescribeNetworkInterfacesCommandInput): Promise<NetworkInterface[]> =>
  (await local.ec2.send(new DescribeNetworkInterfacesCommand(input))).NetworkInterfaces ?? [];

const createInterface = (description: string, groups?: string[]) =>
  local.ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: network.subnetId, Description: description, Groups: groups }));

test("an instance's primary interface is in use, attached to it, and shows its public address", async () => {
  const { Instances } = await local.ec2.send(
    new RunInstancesCommand({
      ImageId: AMI,
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: network.subnetId, AssociatePublicIpAddress: true }],
      TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'web-1-eth0' }] }],
    }),
  );
  const instance = Instances![0]!;
  const [eni] = await interfaces({ Filters: [{ Name: 'attachment.instance-id', Values: [instance.InstanceId!] }] });
  expect(eni).toMatchObject({
    NetworkInterfaceId: instance.NetworkInterfaces![0]!.NetworkInterfaceId,
    Status: 'in-use',
    InterfaceType: 'interface',
    RequesterManaged: false,
    SubnetId: network.subnetId,
    VpcId: network.vpcId,
    AvailabilityZone: `${REGION}a`,
    PrivateIpAddress: instance.PrivateIpAddress,
    Attachment: { InstanceId: instance.InstanceId, [ATTACHMENT_OWNER]: '000000000000', DeviceIndex: 0, Status: 'attached', DeleteOnTermination: true },
    Association: { PublicIp: instance.PublicIpAddress, IpOwnerId: 'amazon' },
    Groups: [expect.objectContaining({ GroupName: 'default' })],
    TagSet: [{ Key: 'Name', Value: 'web-1-eth0' }],
  });
  expect(eni!.NetworkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
  expect(eni!.Attachment!.AttachmentId).toMatch(/^eni-attach-[0-9a-f]{17}$/);
  expect(eni!.MacAddress).toMatch(/^02(:[0-9a-f]{2}){5}$/);

  const inUse = await refused(local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni!.NetworkInterfaceId })));
  expect(inUse).toMatchObject({ name: 'InvalidParameterValue', message: `Network interface '${eni!.NetworkInterfaceId}' is currently in use.` });
});

test('an interface made on its own is available until deleted', async () => {
  const { NetworkInterface } = await createInterface('spare');
  const id = NetworkInterface!.NetworkInterfaceId!;
  expect(NetworkInterface).toMatchObject({ Status: 'available', Description: 'spare', RequesterManaged: false });
  expect(NetworkInterface!.Attachment).toBeUndefined();

  await local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
  expect(await interfaces({ Filters: [{ Name: 'network-interface-id', Values: [id] }] })).toEqual([]);
  const again = await refused(local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })));
  expect(again).toMatchObject({ name: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${id}' does not exist` });
  expect((await refused(local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: 'eth0' })))).name).toBe('InvalidNetworkInterfaceID.Malformed');
});

test('filters by group, status, description and type, and pages', async () => {
  const { GroupId } = await local.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'spares', Description: 'spare interfaces', VpcId: network.vpcId }));
  const made = [];
  for (let i = 0; i < 6; i++) made.push((await createInterface(`spare ${i}`, [GroupId!])).NetworkInterface!.NetworkInterfaceId!);
  const ids = (found: NetworkInterface[]) => found.map((eni) => eni.NetworkInterfaceId);

  expect(ids(await interfaces({ Filters: [{ Name: 'group-id', Values: [GroupId!] }] }))).toEqual(made);
  expect(ids(await interfaces({ Filters: [{ Name: 'description', Values: ['spare ?'] }, { Name: 'status', Values: ['available'] }] }))).toEqual(made);
  expect(ids(await interfaces({ Filters: [{ Name: 'group-id', Values: [GroupId!] }, { Name: 'requester-managed', Values: ['true'] }] }))).toEqual([]);
  expect(ids(await interfaces({ Filters: [{ Name: 'group-id', Values: [GroupId!] }, { Name: 'interface-type', Values: ['interface'] }, { Name: 'subnet-id', Values: [network.subnetId] }] }))).toEqual(made);

  const byGroup = [{ Name: 'group-id', Values: [GroupId!] }];
  const first = await local.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: byGroup, MaxResults: 5 }));
  const second = await local.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: byGroup, MaxResults: 5, NextToken: first.NextToken }));
  expect([...ids(first.NetworkInterfaces!), ...ids(second.NetworkInterfaces!)]).toEqual(made);
  expect(second.NextToken).toBeUndefined();

  const unknownFilter = await refused(local.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
  expect(unknownFilter.name).toBe('InvalidParameterValue');
});

test('refuses groups of another VPC and unknown ids', async () => {
  const other = await vpcWithSubnet(local.ec2, '10.8.0.0/16', '10.8.1.0/24');
  const { GroupId } = await local.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'other', Description: 'other VPC', VpcId: other.vpcId }));
  expect(await refused(createInterface('misplaced', [GroupId!]))).toMatchObject({
    name: 'InvalidParameter',
    message: `Security group ${GroupId} and subnet ${network.subnetId} belong to different networks.`,
  });
  expect(await refused(local.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0123456789abcdef0'] })))).toMatchObject({
    name: 'InvalidNetworkInterfaceID.NotFound',
    message: "The networkInterface ID 'eni-0123456789abcdef0' does not exist",
  });
});

describe('after its instance is terminated, on AWS time', () => {
  const paced = pacedLocalCloudForTests();

  test('the interface lingers detaching, holding its subnet, then is released', async () => {
    const { subnetId } = await vpcWithSubnet(paced.ec2, '10.0.0.0/16', '10.0.1.0/24');
    const { Instances } = await paced.ec2.send(
      new RunInstancesCommand({ ImageId: AMI, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: true }] }),
    );
    const instanceId = Instances![0]!.InstanceId!;
    const eniId = Instances![0]!.NetworkInterfaces![0]!.NetworkInterfaceId!;
    const eni = async () => (await paced.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'network-interface-id', Values: [eniId] }] }))).NetworkInterfaces![0];
    paced.awsTimePasses(30);

    await paced.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    paced.awsTimePasses(60);
    const lingering = await eni();
    expect(lingering).toMatchObject({ Status: 'in-use', Attachment: { InstanceId: instanceId, Status: 'detaching' } });
    expect(lingering!.Association).toBeUndefined();
    expect((await refused(paced.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })))).name).toBe('DependencyViolation');
    expect((await refused(paced.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eniId })))).name).toBe('InvalidParameterValue');

    paced.awsTimePasses(120);
    expect(await eni()).toBeUndefined();
    await paced.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  });
});
