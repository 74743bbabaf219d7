import {
  AssociateRouteTableCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();
let vpcId: string;
beforeAll(async () => {
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  vpcId = Vpc!.VpcId!;
});

const createSubnet = (CidrBlock: string, extra: { AvailabilityZone?: string; AvailabilityZoneId?: string; runId?: string } = {}) =>
  local.ec2.send(
    new CreateSubnetCommand({
      VpcId: vpcId,
      CidrBlock,
      AvailabilityZone: extra.AvailabilityZone,
      AvailabilityZoneId: extra.AvailabilityZoneId,
      TagSpecifications: extra.runId ? [{ ResourceType: 'subnet', Tags: [{ Key: 'vpce-lab:run-id', Value: extra.runId }] }] : undefined,
    }),
  );

test('a subnet starts pending in the region first zone, then becomes available', async () => {
  const { Subnet } = await createSubnet('10.0.1.0/24', { runId: 'r1' });
  expect(Subnet).toMatchObject({
    VpcId: vpcId,
    CidrBlock: '10.0.1.0/24',
    State: 'pending',
    AvailabilityZone: `${REGION}a`,
    AvailabilityZoneId: 'apne2-az1',
    AvailableIpAddressCount: 251,
    MapPublicIpOnLaunch: false,
    DefaultForAz: false,
    OwnerId: '000000000000',
    Tags: [{ Key: 'vpce-lab:run-id', Value: 'r1' }],
  });
  expect(Subnet?.SubnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
  expect(Subnet?.SubnetArn).toBe(`arn:aws:ec2:${REGION}:000000000000:subnet/${Subnet?.SubnetId}`);
  local.cloud.settle();
  const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet!.SubnetId!] }));
  expect(Subnets?.[0]?.State).toBe('available');
});

test('a subnet goes in the zone named, by name or by id', async () => {
  const byName = await createSubnet('10.0.2.0/24', { AvailabilityZone: `${REGION}c` });
  expect(byName.Subnet).toMatchObject({ AvailabilityZone: `${REGION}c`, AvailabilityZoneId: 'apne2-az3' });
  const byId = await createSubnet('10.0.3.0/24', { AvailabilityZoneId: 'apne2-az2' });
  expect(byId.Subnet).toMatchObject({ AvailabilityZone: `${REGION}b`, AvailabilityZoneId: 'apne2-az2' });
});

test('blocks outside the VPC, of the wrong size or overlapping another subnet are refused', async () => {
  expect(await refused(createSubnet('10.1.0.0/24'))).toMatchObject({ name: 'InvalidSubnet.Range', message: "The CIDR '10.1.0.0/24' is invalid." });
  expect(await refused(createSubnet('10.0.200.0/29'))).toMatchObject({ name: 'InvalidSubnet.Range' });
  expect(await refused(createSubnet('10.0.1.128/25'))).toMatchObject({
    name: 'InvalidSubnet.Conflict',
    message: "The CIDR '10.0.1.128/25' conflicts with another subnet",
  });
  expect(await refused(createSubnet('10.0.9.0/33'))).toMatchObject({ name: 'InvalidParameterValue' });
});

test('an unknown zone or VPC is refused', async () => {
  const zone = await refused(createSubnet('10.0.4.0/24', { AvailabilityZone: `${REGION}z` }));
  expect(zone.name).toBe('InvalidParameterValue');
  expect(zone.message).toContain(`Subnets can currently only be created in the following availability zones: ${REGION}a, ${REGION}b`);
  const vpc = await refused(local.ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.5.0/24' })));
  expect(vpc.name).toBe('InvalidVpcID.NotFound');
});

test('DescribeSubnets filters by VPC, block, zone, state and tag, and pages', async () => {
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
  const otherVpc = Vpc!.VpcId!;
  for (let i = 0; i < 6; i++) {
    await local.ec2.send(
      new CreateSubnetCommand({
        VpcId: otherVpc,
        CidrBlock: `10.50.${i}.0/24`,
        AvailabilityZone: `${REGION}${i % 2 === 0 ? 'a' : 'b'}`,
        TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'tier', Value: i < 3 ? 'public' : 'private' }] }],
      }),
    );
  }
  const inVpc = { Name: 'vpc-id', Values: [otherVpc] };
  const describe = async (...filters: { Name: string; Values: string[] }[]) =>
    (await local.ec2.send(new DescribeSubnetsCommand({ Filters: [inVpc, ...filters] }))).Subnets ?? [];
  expect(await describe()).toHaveLength(6);
  expect((await describe({ Name: 'cidr-block', Values: ['10.50.4.0/24'] })).map((subnet) => subnet.CidrBlock)).toEqual(['10.50.4.0/24']);
  expect(await describe({ Name: 'availability-zone', Values: [`${REGION}b`] })).toHaveLength(3);
  expect(await describe({ Name: 'tag:tier', Values: ['private'] })).toHaveLength(3);
  local.cloud.settle();
  expect(await describe({ Name: 'state', Values: ['available'] })).toHaveLength(6);
  expect(await describe({ Name: 'state', Values: ['pending'] })).toHaveLength(0);

  const first = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [inVpc], MaxResults: 5 }));
  const second = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [inVpc], MaxResults: 5, NextToken: first.NextToken }));
  expect([first.Subnets?.length, second.Subnets?.length, second.NextToken]).toEqual([5, 1, undefined]);
});

test('an unknown subnet id is InvalidSubnetID.NotFound', async () => {
  const error = await refused(local.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })));
  expect(error).toMatchObject({ name: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-0123456789abcdef0' does not exist" });
});

test('a subnet with a network interface in it cannot be deleted until the interface is gone', async () => {
  const { Subnet } = await createSubnet('10.0.10.0/24');
  const subnetId = Subnet!.SubnetId!;
  const { NetworkInterface } = await local.ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }));
  const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
  expect(Subnets?.[0]?.AvailableIpAddressCount).toBe(250);
  const error = await refused(local.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
  expect(error).toMatchObject({ name: 'DependencyViolation', message: `The subnet '${subnetId}' has dependencies and cannot be deleted.` });
  await local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId! }));
  await local.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  expect((await refused(local.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })))).name).toBe('InvalidSubnetID.NotFound');
});

test('deleting a subnet ends its route table association', async () => {
  const { Subnet } = await createSubnet('10.0.11.0/24');
  const { RouteTable } = await local.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  await local.ec2.send(new AssociateRouteTableCommand({ RouteTableId: RouteTable!.RouteTableId!, SubnetId: Subnet!.SubnetId! }));
  await local.ec2.send(new DeleteSubnetCommand({ SubnetId: Subnet!.SubnetId! }));
  const { RouteTables } = await local.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [RouteTable!.RouteTableId!] }));
  expect(RouteTables?.[0]?.Associations).toEqual([]);
});

test('MapPublicIpOnLaunch can be turned on and read back', async () => {
  const { Subnet } = await createSubnet('10.0.12.0/24');
  await local.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: Subnet!.SubnetId!, MapPublicIpOnLaunch: { Value: true } }));
  // The default VPC's subnets map public addresses too: they are not this test's.
  const notDefault = { Name: 'default-for-az', Values: ['false'] };
  const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }, notDefault] }));
  expect(Subnets?.map((subnet) => subnet.SubnetId)).toEqual([Subnet!.SubnetId]);
});
