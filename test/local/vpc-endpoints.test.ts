import {
  CreateSubnetCommand,
  CreateVpcEndpointCommand,
  type CreateVpcEndpointCommandInput,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { vpcWithTwoZones } from '../support/endpoint-lab';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';

const local = localCloudForTests();

const service = (name: string) => `com.amazonaws.${REGION}.${name}`;

const createEndpoint = async (input: CreateVpcEndpointCommandInput): Promise<VpcEndpoint> =>
  (await local.ec2.send(new CreateVpcEndpointCommand(input))).VpcEndpoint!;

const describeEndpoint = async (id: string): Promise<VpcEndpoint> =>
  (await local.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0]!;

const mainRouteTableId = async (vpcId: string): Promise<string> => {
  const { RouteTables } = await local.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
  );
  return RouteTables![0]!.RouteTableId!;
};

describe('DescribeVpcEndpointServices', () => {
  test("lists the region's AWS services the lab uses, S3 as both Gateway and Interface", async () => {
    const { ServiceDetails, ServiceNames } = await local.ec2.send(new DescribeVpcEndpointServicesCommand({}));
    const typesOf = (name: string) => ServiceDetails!.filter((detail) => detail.ServiceName === service(name)).flatMap((detail) => detail.ServiceType!.map((type) => type.ServiceType));
    expect(typesOf('s3')).toEqual(['Gateway', 'Interface']);
    expect(typesOf('dynamodb')).toEqual(['Gateway']);
    for (const name of ['cloudformation', 'ssm', 'ssmmessages', 'ec2messages', 'sts', 'ec2', 'logs']) expect(typesOf(name)).toEqual(['Interface']);
    expect(ServiceNames).toContain(service('cloudformation'));
    expect(ServiceDetails!.find((detail) => detail.ServiceName === service('cloudformation'))).toMatchObject({
      ServiceId: expect.stringMatching(/^vpce-svc-[0-9a-f]{17}$/),
      Owner: 'amazon',
      AcceptanceRequired: false,
      PrivateDnsName: `cloudformation.${REGION}.amazonaws.com`,
      BaseEndpointDnsNames: [`cloudformation.${REGION}.vpce.amazonaws.com`],
      AvailabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`, `${REGION}d`],
    });
  });

  test('narrows by ServiceNames and filters, pages, and refuses an unknown name', async () => {
    const { ServiceDetails } = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }));
    expect(ServiceDetails!.map((detail) => detail.ServiceName)).toEqual([service('dynamodb'), service('s3')]);
    const named = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [service('ssm')] }));
    expect(named.ServiceNames).toEqual([service('ssm')]);
    const first = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ MaxResults: 5 }));
    const rest = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(first.ServiceDetails).toHaveLength(5);
    expect(rest.ServiceDetails![0]).not.toEqual(first.ServiceDetails![0]);
    const error = await refused(local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [service('nosuch')] })));
    expect(error).toMatchObject({ name: 'InvalidServiceName', message: `The Vpc Endpoint Service '${service('nosuch')}' does not exist` });
  });
});

describe('gateway endpoints', () => {
  test('route their route tables to the prefix list, with a full-access policy, and become available', async () => {
    const { vpcId } = await vpcWithTwoZones(local.ec2, 10);
    const routeTableId = await mainRouteTableId(vpcId);
    const endpoint = await createEndpoint({ VpcId: vpcId, ServiceName: service('s3'), RouteTableIds: [routeTableId] });
    expect(endpoint).toMatchObject({
      VpcEndpointId: expect.stringMatching(/^vpce-[0-9a-f]{17}$/),
      VpcEndpointType: 'Gateway',
      State: 'pending',
      RouteTableIds: [routeTableId],
      DnsEntries: [],
      OwnerId: '000000000000',
    });
    expect(JSON.parse(endpoint.PolicyDocument!)).toMatchObject({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    local.cloud.settle();
    expect((await describeEndpoint(endpoint.VpcEndpointId!)).State).toBe('available');
    const { RouteTables } = await local.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }));
    expect(RouteTables![0]!.Routes).toContainEqual(expect.objectContaining({ DestinationPrefixListId: expect.stringMatching(/^pl-/), GatewayId: endpoint.VpcEndpointId }));

    const twice = await refused(createEndpoint({ VpcId: vpcId, ServiceName: service('s3'), RouteTableIds: [routeTableId] }));
    expect(twice.name).toBe('RouteAlreadyExists');
  });

  test('take route tables away and back with ModifyVpcEndpoint', async () => {
    const { vpcId } = await vpcWithTwoZones(local.ec2, 11);
    const routeTableId = await mainRouteTableId(vpcId);
    const endpoint = await createEndpoint({ VpcId: vpcId, ServiceName: service('dynamodb'), RouteTableIds: [routeTableId] });
    await local.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, RemoveRouteTableIds: [routeTableId] }));
    expect((await describeEndpoint(endpoint.VpcEndpointId!)).RouteTableIds).toEqual([]);
    await local.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, AddRouteTableIds: [routeTableId] }));
    expect((await describeEndpoint(endpoint.VpcEndpointId!)).RouteTableIds).toEqual([routeTableId]);
  });

  test('are refused for a service offered only as an interface', async () => {
    const { vpcId } = await vpcWithTwoZones(local.ec2, 12);
    const error = await refused(createEndpoint({ VpcId: vpcId, ServiceName: service('ssm'), VpcEndpointType: 'Gateway' }));
    expect(error.name).toBe('InvalidParameter');
  });
});

describe('interface endpoints', () => {
  test('get one network interface per subnet and regional, zonal and private DNS names', async () => {
    const { vpcId, subnetA, subnetB } = await vpcWithTwoZones(local.ec2, 20);
    const endpoint = await createEndpoint({ VpcId: vpcId, ServiceName: service('cloudformation'), VpcEndpointType: 'Interface', SubnetIds: [subnetA, subnetB] });
    expect(endpoint).toMatchObject({ State: 'pending', PrivateDnsEnabled: true, SubnetIds: [subnetA, subnetB] });
    expect(endpoint.Groups).toHaveLength(1);
    expect(endpoint.Groups![0]!.GroupName).toBe('default');

    const { NetworkInterfaces } = await local.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoint.NetworkInterfaceIds }));
    expect(NetworkInterfaces!.map((eni) => eni.SubnetId).sort()).toEqual([subnetA, subnetB].sort());
    for (const eni of NetworkInterfaces!) {
      expect(eni).toMatchObject({ InterfaceType: 'vpc_endpoint', Description: `VPC Endpoint Interface ${endpoint.VpcEndpointId}`, RequesterManaged: true });
      expect(eni.PrivateIpAddress).toMatch(/^10\.20\.[12]\.\d+$/);
    }

    const names = endpoint.DnsEntries!.map((entry) => entry.DnsName);
    const prefix = `${endpoint.VpcEndpointId}-[0-9a-z]{8}`;
    const domain = `cloudformation\\.${REGION}\\.vpce\\.amazonaws\\.com`;
    expect(names[0]).toMatch(new RegExp(`^${prefix}\\.${domain}$`));
    expect(names[1]).toMatch(new RegExp(`^${prefix}-${REGION}a\\.${domain}$`));
    expect(names[2]).toMatch(new RegExp(`^${prefix}-${REGION}b\\.${domain}$`));
    expect(names[3]).toBe(`cloudformation.${REGION}.amazonaws.com`);
    local.cloud.settle();
    expect((await describeEndpoint(endpoint.VpcEndpointId!)).State).toBe('available');
  });

  test('refuse private DNS without DNS hostnames, and a second owner of the same name', async () => {
    const plain = await vpcWithTwoZones(local.ec2, 21, { dnsHostnames: false });
    const noHostnames = await refused(createEndpoint({ VpcId: plain.vpcId, ServiceName: service('sts'), VpcEndpointType: 'Interface', SubnetIds: [plain.subnetA] }));
    expect(noHostnames).toMatchObject({
      name: 'InvalidParameter',
      message: `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${plain.vpcId}`,
    });
    const withoutPrivateDns = await createEndpoint({ VpcId: plain.vpcId, ServiceName: service('sts'), VpcEndpointType: 'Interface', SubnetIds: [plain.subnetA], PrivateDnsEnabled: false });
    expect(withoutPrivateDns.DnsEntries).toHaveLength(2);

    const dns = await vpcWithTwoZones(local.ec2, 22);
    await createEndpoint({ VpcId: dns.vpcId, ServiceName: service('sts'), VpcEndpointType: 'Interface', SubnetIds: [dns.subnetA] });
    const second = await refused(createEndpoint({ VpcId: dns.vpcId, ServiceName: service('sts'), VpcEndpointType: 'Interface', SubnetIds: [dns.subnetB] }));
    expect(second.name).toBe('InvalidParameter');
    expect(second.message).toContain(`conflicting DNS domain for sts.${REGION}.amazonaws.com in the VPC ${dns.vpcId}`);
  });

  test('take one subnet per zone', async () => {
    const { vpcId, subnetA } = await vpcWithTwoZones(local.ec2, 23);
    const { Subnet } = await local.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.23.3.0/24', AvailabilityZone: `${REGION}a` }));
    const error = await refused(createEndpoint({ VpcId: vpcId, ServiceName: service('logs'), VpcEndpointType: 'Interface', SubnetIds: [subnetA, Subnet!.SubnetId!] }));
    expect(error.message).toContain('Found another VPC endpoint subnet in the availability zone');
  });

  test('add a subnet and drop private DNS with ModifyVpcEndpoint', async () => {
    const { vpcId, subnetA, subnetB } = await vpcWithTwoZones(local.ec2, 24);
    const endpoint = await createEndpoint({ VpcId: vpcId, ServiceName: service('ssm'), VpcEndpointType: 'Interface', SubnetIds: [subnetA] });
    await local.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpoint.VpcEndpointId, AddSubnetIds: [subnetB], PrivateDnsEnabled: false }));
    const changed = await describeEndpoint(endpoint.VpcEndpointId!);
    expect(changed.SubnetIds).toEqual([subnetA, subnetB]);
    expect(changed.NetworkInterfaceIds).toHaveLength(2);
    expect(changed.PrivateDnsEnabled).toBe(false);
    expect(changed.DnsEntries!.map((entry) => entry.DnsName)).not.toContain(`ssm.${REGION}.amazonaws.com`);
  });
});

test('a retried create with the same ClientToken returns the first endpoint; other parameters are refused', async () => {
  const { vpcId, subnetA } = await vpcWithTwoZones(local.ec2, 30);
  const input = { VpcId: vpcId, ServiceName: service('ec2'), VpcEndpointType: 'Interface' as const, SubnetIds: [subnetA], ClientToken: 'run-1/ec2-endpoint' };
  const first = await createEndpoint(input);
  const again = await local.ec2.send(new CreateVpcEndpointCommand(input));
  expect(again.VpcEndpoint!.VpcEndpointId).toBe(first.VpcEndpointId);
  expect(again.ClientToken).toBe('run-1/ec2-endpoint');
  const mismatch = await refused(createEndpoint({ ...input, PrivateDnsEnabled: false }));
  expect(mismatch.name).toBe('IdempotentParameterMismatch');
});

test('DescribeVpcEndpoints filters by VPC, type, service, state and tag, and pages', async () => {
  const { vpcId, subnetA } = await vpcWithTwoZones(local.ec2, 40);
  const tags = [{ ResourceType: 'vpc-endpoint' as const, Tags: [{ Key: 'vpce-lab:run-id', Value: 'filtered' }] }];
  const gateway = await createEndpoint({ VpcId: vpcId, ServiceName: service('s3'), TagSpecifications: tags });
  const iface = await createEndpoint({ VpcId: vpcId, ServiceName: service('ssmmessages'), VpcEndpointType: 'Interface', SubnetIds: [subnetA], TagSpecifications: tags });
  const ids = async (filters: { Name: string; Values: string[] }[]) =>
    ((await local.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, ...filters] }))).VpcEndpoints ?? []).map((endpoint) => endpoint.VpcEndpointId);
  expect(await ids([{ Name: 'vpc-endpoint-type', Values: ['Interface'] }])).toEqual([iface.VpcEndpointId]);
  expect(await ids([{ Name: 'service-name', Values: [service('s3')] }])).toEqual([gateway.VpcEndpointId]);
  expect(await ids([{ Name: 'vpc-endpoint-state', Values: ['available'] }])).toEqual([gateway.VpcEndpointId, iface.VpcEndpointId]);
  expect(await ids([{ Name: 'tag:vpce-lab:run-id', Values: ['filtered'] }])).toHaveLength(2);

  const all = await local.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 5 }));
  const next = await local.ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: 5, NextToken: all.NextToken }));
  expect(all.VpcEndpoints).toHaveLength(5);
  expect(next.VpcEndpoints!.map((endpoint) => endpoint.VpcEndpointId)).not.toContain(all.VpcEndpoints![0]!.VpcEndpointId);
});

test('DeleteVpcEndpoints reports unknown ids as Unsuccessful instead of failing', async () => {
  const { vpcId, subnetA } = await vpcWithTwoZones(local.ec2, 50);
  const endpoint = await createEndpoint({ VpcId: vpcId, ServiceName: service('ec2messages'), VpcEndpointType: 'Interface', SubnetIds: [subnetA] });
  const unknown = 'vpce-0123456789abcdef0';
  const { Unsuccessful } = await local.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.VpcEndpointId!, unknown] }));
  expect(Unsuccessful).toEqual([{ ResourceId: unknown, Error: { Code: 'InvalidVpcEndpointId.NotFound', Message: expect.stringContaining(unknown) } }]);
  local.cloud.settle();
  const gone = await refused(describeEndpoint(endpoint.VpcEndpointId!));
  expect(gone.name).toBe('InvalidVpcEndpointId.NotFound');
  expect((await refused(describeEndpoint('vpce-xyz'))).name).toBe('InvalidVpcEndpointId.Malformed');
});

describe('endpoint lifecycle on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  const stateOf = async (id: string) => (await paced.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints![0]!.State;

  test('an interface endpoint is pending for two minutes, deleting for one, and its interfaces outlive it', async () => {
    const { vpcId, subnetA } = await vpcWithTwoZones(paced.ec2, 60);
    const { VpcEndpoint } = await paced.ec2.send(
      new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: service('ssm'), VpcEndpointType: 'Interface', SubnetIds: [subnetA] }),
    );
    const id = VpcEndpoint!.VpcEndpointId!;
    paced.awsTimePasses(119);
    expect(await stateOf(id)).toBe('pending');
    paced.awsTimePasses(1);
    expect(await stateOf(id)).toBe('available');

    await paced.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(await stateOf(id)).toBe('deleting');
    const twice = await paced.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(twice.Unsuccessful ?? []).toEqual([]);
    paced.awsTimePasses(60);
    const { VpcEndpoints } = await paced.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(VpcEndpoints).toEqual([]);
    const lingering = await paced.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(lingering.NetworkInterfaces!.map((eni) => eni.NetworkInterfaceId)).toEqual(VpcEndpoint!.NetworkInterfaceIds);
    paced.awsTimePasses(60);
    const released = await paced.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(released.NetworkInterfaces).toEqual([]);
  });
});
