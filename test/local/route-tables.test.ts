import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteVpcEndpointsCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  type Filter,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();

const newVpc = async (CidrBlock: string) => (await local.ec2.send(new CreateVpcCommand({ CidrBlock }))).Vpc!.VpcId!;
const newSubnet = async (VpcId: string, CidrBlock: string) => (await local.ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock }))).Subnet!.SubnetId!;
const newTable = async (VpcId: string) => (await local.ec2.send(new CreateRouteTableCommand({ VpcId }))).RouteTable!.RouteTableId!;
const attachedGateway = async (VpcId: string) => {
  const gatewayId = (await local.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await local.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId }));
  return gatewayId;
};
const describeTables = async (Filters: Filter[]) => (await local.ec2.send(new DescribeRouteTablesCommand({ Filters }))).RouteTables ?? [];
const describeTable = async (id: string): Promise<RouteTable> =>
  (await local.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables![0]!;
const localRoute = (cidr: string) => ({ DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' });

test("a VPC's main route table holds the local route and the main association", async () => {
  const vpcId = await newVpc('10.0.0.0/16');
  const tables = await describeTables([
    { Name: 'vpc-id', Values: [vpcId] },
    { Name: 'association.main', Values: ['true'] },
  ]);
  expect(tables).toHaveLength(1);
  const main = tables[0]!;
  expect(main.RouteTableId).toMatch(/^rtb-[0-9a-f]{17}$/);
  expect(main.Routes).toEqual([localRoute('10.0.0.0/16')]);
  expect(main.Associations).toEqual([
    { Main: true, RouteTableAssociationId: expect.stringMatching(/^rtbassoc-[0-9a-f]{17}$/), RouteTableId: main.RouteTableId, AssociationState: { State: 'associated' } },
  ]);
  const error = await refused(local.ec2.send(new DeleteRouteTableCommand({ RouteTableId: main.RouteTableId! })));
  expect(error).toMatchObject({ name: 'DependencyViolation', message: `The routeTable '${main.RouteTableId}' has dependencies and cannot be deleted.` });
  const mainAssociation = main.Associations![0]!.RouteTableAssociationId!;
  expect(await refused(local.ec2.send(new DisassociateRouteTableCommand({ AssociationId: mainAssociation })))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `cannot disassociate the main route table association ${mainAssociation}`,
  });
});

test('a new route table has only the local route, its tags, and no associations', async () => {
  const vpcId = await newVpc('10.1.0.0/16');
  const { RouteTable } = await local.ec2.send(
    new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'public' }] }] }),
  );
  expect(RouteTable).toMatchObject({ VpcId: vpcId, OwnerId: '000000000000', Routes: [localRoute('10.1.0.0/16')], Associations: [], Tags: [{ Key: 'Name', Value: 'public' }] });
  expect((await refused(local.ec2.send(new CreateRouteTableCommand({ VpcId: 'vpc-0123456789abcdef0' })))).name).toBe('InvalidVpcID.NotFound');
});

test('the same ClientToken gives back the same route table', async () => {
  const vpcId = await newVpc('10.2.0.0/16');
  const first = await local.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, ClientToken: 'rtb-token' }));
  const again = await local.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, ClientToken: 'rtb-token' }));
  expect(again.RouteTable?.RouteTableId).toBe(first.RouteTable?.RouteTableId);
  expect(await describeTables([{ Name: 'vpc-id', Values: [vpcId] }])).toHaveLength(2);
});

test('a route to an attached internet gateway is active, and a blackhole once the gateway is detached', async () => {
  const vpcId = await newVpc('10.3.0.0/16');
  const tableId = await newTable(vpcId);
  const gatewayId = await attachedGateway(vpcId);
  const created = await local.ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
  expect(created.Return).toBe(true);
  const internetRoute = { DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId, Origin: 'CreateRoute' };
  expect((await describeTable(tableId)).Routes).toEqual([localRoute('10.3.0.0/16'), { ...internetRoute, State: 'active' }]);
  expect(await refused(local.ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId })))).toMatchObject({
    name: 'RouteAlreadyExists',
    message: 'The route identified by 0.0.0.0/0 already exists.',
  });
  await local.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
  expect((await describeTable(tableId)).Routes?.[1]).toEqual({ ...internetRoute, State: 'blackhole' });
});

test('routes to unknown or foreign gateways are refused', async () => {
  const vpcId = await newVpc('10.4.0.0/16');
  const tableId = await newTable(vpcId);
  const foreign = await attachedGateway(await newVpc('10.5.0.0/16'));
  const route = (GatewayId: string) => local.ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId }));
  expect(await refused(route('igw-0123456789abcdef0'))).toMatchObject({
    name: 'InvalidGatewayID.NotFound',
    message: "The gateway ID 'igw-0123456789abcdef0' does not exist",
  });
  expect(await refused(route(foreign))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `route table ${tableId} and network gateway ${foreign} belong to different networks`,
  });
  expect((await refused(local.ec2.send(new CreateRouteCommand({ RouteTableId: tableId, GatewayId: foreign })))).name).toBe('MissingParameter');
});

test('a route the caller added can be deleted; the local route cannot', async () => {
  const vpcId = await newVpc('10.6.0.0/16');
  const tableId = await newTable(vpcId);
  const gatewayId = await attachedGateway(vpcId);
  await local.ec2.send(new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '192.168.0.0/24', GatewayId: gatewayId }));
  await local.ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '192.168.0.0/24' }));
  expect((await describeTable(tableId)).Routes).toEqual([localRoute('10.6.0.0/16')]);
  expect(await refused(local.ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '192.168.0.0/24' })))).toMatchObject({
    name: 'InvalidRoute.NotFound',
    message: `no route with destination-cidr-block 192.168.0.0/24 in route table ${tableId}`,
  });
  expect(await refused(local.ec2.send(new DeleteRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '10.6.0.0/16' })))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `cannot remove local route 10.6.0.0/16 in route table ${tableId}`,
  });
});

test('a subnet is associated with one table at a time, and a table in use cannot be deleted', async () => {
  const vpcId = await newVpc('10.7.0.0/16');
  const subnetId = await newSubnet(vpcId, '10.7.1.0/24');
  const [tableA, tableB] = [await newTable(vpcId), await newTable(vpcId)];
  const associated = await local.ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableA, SubnetId: subnetId }));
  expect(associated).toMatchObject({ AssociationId: expect.stringMatching(/^rtbassoc-[0-9a-f]{17}$/), AssociationState: { State: 'associated' } });
  expect((await describeTables([{ Name: 'association.subnet-id', Values: [subnetId] }])).map((table) => table.RouteTableId)).toEqual([tableA]);
  expect(await refused(local.ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableB, SubnetId: subnetId })))).toMatchObject({
    name: 'Resource.AlreadyAssociated',
    message: `the specified association for route table ${tableB} conflicts with an existing association`,
  });
  expect((await refused(local.ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableA })))).name).toBe('DependencyViolation');

  await local.ec2.send(new DisassociateRouteTableCommand({ AssociationId: associated.AssociationId! }));
  expect(await refused(local.ec2.send(new DisassociateRouteTableCommand({ AssociationId: associated.AssociationId! })))).toMatchObject({
    name: 'InvalidAssociationID.NotFound',
    message: `The association ID '${associated.AssociationId}' does not exist`,
  });
  await local.ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableA }));
  expect(await refused(local.ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableA })))).toMatchObject({
    name: 'InvalidRouteTableID.NotFound',
    message: `The routeTable ID '${tableA}' does not exist`,
  });
});

test('a subnet of another VPC cannot be associated', async () => {
  const tableId = await newTable(await newVpc('10.8.0.0/16'));
  const foreignSubnet = await newSubnet(await newVpc('10.9.0.0/16'), '10.9.1.0/24');
  expect(await refused(local.ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: foreignSubnet })))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `Route table ${tableId} and subnet ${foreignSubnet} belong to different networks`,
  });
});

test('a gateway endpoint adds a prefix-list route to its tables for as long as it exists', async () => {
  const vpcId = await newVpc('10.10.0.0/16');
  const tableId = await newTable(vpcId);
  const serviceName = `com.amazonaws.${REGION}.s3`;
  const { PrefixLists } = await local.ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [serviceName] }] }));
  const { VpcEndpoint } = await local.ec2.send(
    new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: serviceName, VpcEndpointType: 'Gateway', RouteTableIds: [tableId] }),
  );
  const endpointRoute = { DestinationPrefixListId: PrefixLists![0]!.PrefixListId, GatewayId: VpcEndpoint!.VpcEndpointId, Origin: 'CreateRoute', State: 'active' };
  expect((await describeTable(tableId)).Routes).toEqual([localRoute('10.10.0.0/16'), endpointRoute]);
  expect((await describeTables([{ Name: 'route.gateway-id', Values: [VpcEndpoint!.VpcEndpointId!] }])).map((table) => table.RouteTableId)).toEqual([tableId]);

  await local.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
  local.cloud.settle();
  expect((await describeTable(tableId)).Routes).toEqual([localRoute('10.10.0.0/16')]);
});

test('DescribeRouteTables filters by route destination and tag, and pages', async () => {
  const vpcId = await newVpc('10.11.0.0/16');
  const gatewayId = await attachedGateway(vpcId);
  const tableIds: string[] = [];
  for (let i = 0; i < 6; i++) {
    const { RouteTable } = await local.ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'run', Value: 'paged' }] }] }),
    );
    tableIds.push(RouteTable!.RouteTableId!);
  }
  await local.ec2.send(new CreateRouteCommand({ RouteTableId: tableIds[2]!, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
  const internetBound = await describeTables([
    { Name: 'vpc-id', Values: [vpcId] },
    { Name: 'route.destination-cidr-block', Values: ['0.0.0.0/0'] },
  ]);
  expect(internetBound.map((table) => table.RouteTableId)).toEqual([tableIds[2]]);
  const byTag = { Filters: [{ Name: 'tag:run', Values: ['paged'] }] };
  const first = await local.ec2.send(new DescribeRouteTablesCommand({ ...byTag, MaxResults: 5 }));
  const second = await local.ec2.send(new DescribeRouteTablesCommand({ ...byTag, MaxResults: 5, NextToken: first.NextToken }));
  expect([...(first.RouteTables ?? []), ...(second.RouteTables ?? [])].map((table) => table.RouteTableId)).toEqual(tableIds);
  expect(second.NextToken).toBeUndefined();
});
