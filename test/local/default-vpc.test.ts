import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  type EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { localCloudForTests, REGION, startLocalCloud, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const AMI = 'ami-0c9c942bd7bf113a2';
const IS_DEFAULT = { Name: 'is-default', Values: ['true'] };

const defaultVpcs = async (ec2: EC2Client): Promise<Vpc[]> => (await ec2.send(new DescribeVpcsCommand({ Filters: [IS_DEFAULT] }))).Vpcs ?? [];

const defaultVpcAttribute = async (ec2: EC2Client): Promise<string[]> => {
  const { AccountAttributes } = await ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
  return (AccountAttributes ?? []).flatMap((attribute) => (attribute.AttributeValues ?? []).map((value) => `${attribute.AttributeName}=${value.AttributeValue}`));
};

const launch = (ec2: EC2Client, input: Partial<RunInstancesCommandInput> = {}) =>
  ec2.send(new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, ...input }));

describe('a fresh local cloud, as a new AWS account', () => {
  const local = localCloudForTests();
  let vpc: Vpc;
  beforeAll(async () => {
    [vpc = {}] = await defaultVpcs(local.ec2);
  });

  test('has a default VPC 172.31.0.0/16, available, with DNS support and DNS hostnames on', async () => {
    expect(await defaultVpcs(local.ec2)).toHaveLength(1);
    expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', InstanceTenancy: 'default', OwnerId: '000000000000' });
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpc.Tags).toBeUndefined();
    const attribute = async (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => local.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpc.VpcId!, Attribute }));
    expect((await attribute('enableDnsSupport')).EnableDnsSupport?.Value).toBe(true);
    expect((await attribute('enableDnsHostnames')).EnableDnsHostnames?.Value).toBe(true);
  });

  test('has a default /20 subnet in each zone, in zone order, mapping public addresses on launch', async () => {
    const { AvailabilityZones } = await local.ec2.send(new DescribeAvailabilityZonesCommand({}));
    const zones = AvailabilityZones!.map((zone) => zone.ZoneName!);
    expect(zones).toHaveLength(4);
    const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const byZone = [...Subnets!].sort((a, b) => a.AvailabilityZone!.localeCompare(b.AvailabilityZone!));
    expect(byZone.map((subnet) => [subnet.AvailabilityZone, subnet.CidrBlock])).toEqual([
      [zones[0], '172.31.0.0/20'],
      [zones[1], '172.31.16.0/20'],
      [zones[2], '172.31.32.0/20'],
      [zones[3], '172.31.48.0/20'],
    ]);
    for (const subnet of byZone) expect(subnet).toMatchObject({ VpcId: vpc.VpcId, DefaultForAz: true, MapPublicIpOnLaunch: true, State: 'available' });
    const inVpc = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(inVpc.Subnets).toHaveLength(4);
  });

  test('has an internet gateway attached, the main route table sending 0.0.0.0/0 to it, and the default security group', async () => {
    const { InternetGateways } = await local.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId!] }] }));
    expect(InternetGateways).toHaveLength(1);
    const gatewayId = InternetGateways![0]!.InternetGatewayId!;
    expect(InternetGateways![0]!.Attachments).toEqual([{ VpcId: vpc.VpcId, State: 'available' }]);

    const { RouteTables } = await local.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(RouteTables).toHaveLength(1);
    expect(RouteTables![0]!.Associations).toEqual([expect.objectContaining({ Main: true })]);
    expect(RouteTables![0]!.Routes).toEqual([
      expect.objectContaining({ DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', State: 'active' }),
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId, State: 'active' }),
    ]);

    const { SecurityGroups } = await local.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(SecurityGroups?.map((group) => [group.GroupName, group.Description])).toEqual([['default', 'default VPC security group']]);
  });

  test('DescribeAccountAttributes names the default VPC, alone when asked for it and among all six otherwise', async () => {
    expect(await defaultVpcAttribute(local.ec2)).toEqual([`default-vpc=${vpc.VpcId}`]);
    const { AccountAttributes } = await local.ec2.send(new DescribeAccountAttributesCommand({}));
    expect(new Map(AccountAttributes!.map((attribute) => [attribute.AttributeName, attribute.AttributeValues!.map((value) => value.AttributeValue)]))).toEqual(
      new Map([
        ['default-vpc', [vpc.VpcId]],
        ['supported-platforms', ['VPC']],
        ['vpc-max-security-groups-per-interface', ['5']],
        ['max-instances', ['20']],
        ['max-elastic-ips', ['5']],
        ['vpc-max-elastic-ips', ['5']],
      ]),
    );
    // AttributeName.N takes "supported-platforms | default-vpc" only (EC2 API Reference); any other is refused, not ignored.
    const other = await refused(local.ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['max-instances' as 'default-vpc'] })));
    expect(other.name).toBe('UnsupportedOperation');
  });

  test('RunInstances without a subnet launches into the default subnet of the first zone (or of the zone asked for), with a public address', async () => {
    const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    const subnetOf = (zone: string) => Subnets!.find((subnet) => subnet.AvailabilityZone === zone)!.SubnetId;
    const [first] = (await launch(local.ec2)).Instances!;
    expect(first).toMatchObject({ VpcId: vpc.VpcId, SubnetId: subnetOf(`${REGION}a`), Placement: { AvailabilityZone: `${REGION}a` } });
    expect(first!.PrivateIpAddress).toMatch(/^172\.31\.([0-9]|1[0-5])\.\d+$/);
    expect(first!.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(first!.SecurityGroups).toEqual([expect.objectContaining({ GroupName: 'default' })]);

    const [inC] = (await launch(local.ec2, { Placement: { AvailabilityZone: `${REGION}c` } })).Instances!;
    expect(inC).toMatchObject({ SubnetId: subnetOf(`${REGION}c`), Placement: { AvailabilityZone: `${REGION}c` } });
    expect(inC!.PrivateIpAddress).toMatch(/^172\.31\.(3[2-9]|4[0-7])\.\d+$/);
    expect(inC!.PublicIpAddress).toBeDefined();
  });

  test('CreateSecurityGroup without a VPC makes the group in the default VPC, where names find it', async () => {
    const { GroupId } = await local.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers' }));
    const { SecurityGroups } = await local.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] }));
    expect(SecurityGroups).toEqual([expect.objectContaining({ GroupId, GroupName: 'web', VpcId: vpc.VpcId })]);
    await local.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'web', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupName: 'default' }] }] }));
    const [described] = (await local.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId!] }))).SecurityGroups!;
    const defaultGroup = (await local.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups![0]!;
    expect(described!.IpPermissions).toEqual([expect.objectContaining({ FromPort: 80, UserIdGroupPairs: [expect.objectContaining({ GroupId: defaultGroup.GroupId })] })]);
    const [instance] = (await launch(local.ec2, { SecurityGroups: ['web'] })).Instances!;
    expect(instance!.SecurityGroups).toEqual([{ GroupId, GroupName: 'web' }]);
  });
});

describe('an account without a default VPC (defaultVpc: false)', () => {
  const local = localCloudForTests({ defaultVpc: false });

  test('has no VPC at all, and DescribeAccountAttributes answers default-vpc=none', async () => {
    expect((await local.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    expect((await local.ec2.send(new DescribeSubnetsCommand({}))).Subnets).toEqual([]);
    expect((await local.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways).toEqual([]);
    expect(await defaultVpcAttribute(local.ec2)).toEqual(['default-vpc=none']);
  });

  test('refuses RunInstances without a subnet and CreateSecurityGroup without a VPC as EC2 does', async () => {
    const noDefault = { name: 'VPCIdNotSpecified', message: 'No default VPC for this user', $metadata: expect.objectContaining({ httpStatusCode: 400 }) };
    expect(await refused(launch(local.ec2))).toMatchObject(noDefault);
    expect(await refused(local.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers' })))).toMatchObject(noDefault);
    expect(await refused(launch(local.ec2, { SecurityGroups: ['web'] }))).toMatchObject({
      name: 'VPCIdNotSpecified',
      message: 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
    });
  });
});

test('the default VPC is kept across restarts, never made twice, and stays gone once deleted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpce-lab-default-vpc-'));
  const first = await startLocalCloud({ dataDir });
  const [vpc] = await defaultVpcs(first.ec2);
  await first.cloud.close();

  const second = await startLocalCloud({ dataDir });
  expect((await second.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.map((kept) => kept.VpcId)).toEqual([vpc!.VpcId]);
  expect((await second.ec2.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(4);
  expect(await defaultVpcAttribute(second.ec2)).toEqual([`default-vpc=${vpc!.VpcId}`]);
  // Deleted as a user deletes it: its subnets, then its gateway, then the VPC.
  for (const subnet of (await second.ec2.send(new DescribeSubnetsCommand({}))).Subnets!) await second.ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId! }));
  const [gateway] = (await second.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways!;
  await second.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway!.InternetGatewayId!, VpcId: vpc!.VpcId! }));
  await second.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway!.InternetGatewayId! }));
  await second.ec2.send(new DeleteVpcCommand({ VpcId: vpc!.VpcId! }));
  expect(await defaultVpcAttribute(second.ec2)).toEqual(['default-vpc=none']);
  await second.cloud.close();

  const third = await startLocalCloud({ dataDir });
  expect((await third.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  expect(await defaultVpcAttribute(third.ec2)).toEqual(['default-vpc=none']);
  expect((await refused(launch(third.ec2))).name).toBe('VPCIdNotSpecified');
  await third.cloud.close();
});

test('a default subnet deleted leaves launches into that zone refused, and the other zones served', async () => {
  await withOwnLocalCloud(async ({ ec2 }) => {
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: [`${REGION}b`] }] }));
    await ec2.send(new DeleteSubnetCommand({ SubnetId: Subnets![0]!.SubnetId! }));
    expect(await refused(launch(ec2, { Placement: { AvailabilityZone: `${REGION}b` } }))).toMatchObject({
      name: 'InvalidInput',
      message: `No default subnet for availability zone: '${REGION}b'.`,
    });
    expect((await launch(ec2)).Instances![0]!.Placement?.AvailabilityZone).toBe(`${REGION}a`);
  });
});
