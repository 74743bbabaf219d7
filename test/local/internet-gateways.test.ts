import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DetachInternetGatewayCommand,
  ModifySubnetAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { vpcWithSubnet } from '../support/lab-network';
import { RequestServiceQuotaIncreaseCommand } from '@aws-sdk/client-service-quotas';
import { localCloudForTests, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();

const newVpc = async (CidrBlock: string) => (await local.ec2.send(new CreateVpcCommand({ CidrBlock }))).Vpc!.VpcId!;
const newGateway = async (runId?: string) =>
  (
    await local.ec2.send(
      new CreateInternetGatewayCommand({
        TagSpecifications: runId ? [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'vpce-lab:run-id', Value: runId }] }] : undefined,
      }),
    )
  ).InternetGateway!;
const attach = (InternetGatewayId: string, VpcId: string) => local.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId, VpcId }));
const detach = (InternetGatewayId: string, VpcId: string) => local.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId }));
const describeOne = async (id: string) => (await local.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }))).InternetGateways?.[0];

test('a gateway is created detached, attaches to a VPC and detaches again', async () => {
  const gateway = await newGateway('igw-run');
  expect(gateway.InternetGatewayId).toMatch(/^igw-[0-9a-f]{17}$/);
  expect(gateway).toMatchObject({ OwnerId: '000000000000', Attachments: [], Tags: [{ Key: 'vpce-lab:run-id', Value: 'igw-run' }] });
  const vpcId = await newVpc('10.0.0.0/16');
  await attach(gateway.InternetGatewayId!, vpcId);
  expect((await describeOne(gateway.InternetGatewayId!))?.Attachments).toEqual([{ VpcId: vpcId, State: 'available' }]);
  await detach(gateway.InternetGatewayId!, vpcId);
  expect((await describeOne(gateway.InternetGatewayId!))?.Attachments).toEqual([]);
});

test('a gateway takes one VPC and a VPC takes one gateway', async () => {
  const [vpcA, vpcB] = [await newVpc('10.1.0.0/16'), await newVpc('10.2.0.0/16')];
  const first = (await newGateway()).InternetGatewayId!;
  const second = (await newGateway()).InternetGatewayId!;
  await attach(first, vpcA);
  expect(await refused(attach(first, vpcB))).toMatchObject({
    name: 'Resource.AlreadyAssociated',
    message: `resource ${first} is already attached to network ${vpcA}`,
  });
  expect(await refused(attach(second, vpcA))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `Network ${vpcA} already has an internet gateway attached`,
  });
});

test('detaching from a VPC the gateway is not attached to is Gateway.NotAttached', async () => {
  const vpcId = await newVpc('10.3.0.0/16');
  const gateway = (await newGateway()).InternetGatewayId!;
  expect(await refused(detach(gateway, vpcId))).toMatchObject({
    name: 'Gateway.NotAttached',
    message: `resource ${gateway} is not attached to network ${vpcId}`,
  });
});

test('an attached gateway cannot be deleted, nor its VPC', async () => {
  const vpcId = await newVpc('10.4.0.0/16');
  const gateway = (await newGateway()).InternetGatewayId!;
  await attach(gateway, vpcId);
  expect(await refused(local.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway })))).toMatchObject({
    name: 'DependencyViolation',
    message: `The internetGateway '${gateway}' has dependencies and cannot be deleted.`,
  });
  expect((await refused(local.ec2.send(new DeleteVpcCommand({ VpcId: vpcId })))).name).toBe('DependencyViolation');
  await detach(gateway, vpcId);
  await local.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway }));
  expect((await refused(local.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway })))).name).toBe('InvalidInternetGatewayID.NotFound');
  await local.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
});

test('a gateway cannot be detached while an instance in its VPC has a public address', async () => {
  const { vpcId, subnetId } = await vpcWithSubnet(local.ec2, '10.5.0.0/16', '10.5.1.0/24');
  const gateway = (await newGateway()).InternetGatewayId!;
  await attach(gateway, vpcId);
  await local.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  const { Instances } = await local.ec2.send(
    new RunInstancesCommand({ ImageId: 'ami-0c9c942bd7bf113a2', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnetId }),
  );
  expect(await refused(detach(gateway, vpcId))).toMatchObject({
    name: 'DependencyViolation',
    message: `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
  });
  await local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [Instances![0]!.InstanceId!] }));
  local.cloud.settle();
  await detach(gateway, vpcId);
});

test('DescribeInternetGateways filters by id, attachment and tag', async () => {
  const vpcId = await newVpc('10.6.0.0/16');
  const attached = (await newGateway('filtered')).InternetGatewayId!;
  const loose = (await newGateway('filtered')).InternetGatewayId!;
  await attach(attached, vpcId);
  const ids = async (...Filters: { Name: string; Values: string[] }[]) =>
    (await local.ec2.send(new DescribeInternetGatewaysCommand({ Filters }))).InternetGateways?.map((gateway) => gateway.InternetGatewayId);
  expect(await ids({ Name: 'attachment.vpc-id', Values: [vpcId] })).toEqual([attached]);
  expect(await ids({ Name: 'tag:vpce-lab:run-id', Values: ['filtered'] }, { Name: 'attachment.state', Values: ['available'] })).toEqual([attached]);
  expect(await ids({ Name: 'internet-gateway-id', Values: [loose] })).toEqual([loose]);
  expect((await refused(local.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'nonsense', Values: ['x'] }] })))).name).toBe(
    'InvalidParameterValue',
  );
});

test('an unknown gateway id is InvalidInternetGatewayID.NotFound', async () => {
  const error = await refused(local.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: ['igw-0123456789abcdef0'] })));
  expect(error).toMatchObject({ name: 'InvalidInternetGatewayID.NotFound', message: "The internetGateway ID 'igw-0123456789abcdef0' does not exist" });
});

test('"Internet gateways per Region" (5, the default VPC\'s gateway counted) refuses the sixth with InternetGatewayLimitExceeded, until Service Quotas raises it', async () => {
  await withOwnLocalCloud(
    async (account) => {
      const create = () => account.ec2.send(new CreateInternetGatewayCommand({}));
      expect((await account.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways).toHaveLength(1);
      for (let gateway = 2; gateway <= 5; gateway++) await create();
      expect(await refused(create())).toMatchObject({ name: 'InternetGatewayLimitExceeded', message: 'The maximum number of internet gateways has been reached.' });
      await account.quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: 'L-A4707A72', DesiredValue: 6 }));
      expect((await create()).InternetGateway?.InternetGatewayId).toMatch(/^igw-/);
    },
    { defaultQuotas: true },
  );
});
