import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointServicesCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { ACCOUNT_ROOT, endpointService, vpcWithTwoZones } from '../support/endpoint-lab';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();

const describeService = async (serviceId: string) =>
  (await local.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }))).ServiceConfigurations![0]!;

test('a service configuration on an NLB has AWS-format ids and names and goes Pending, then Available', async () => {
  const { serviceId, loadBalancerArn, configuration } = await endpointService(local, 1, { acceptanceRequired: true });
  expect(serviceId).toMatch(/^vpce-svc-[0-9a-f]{17}$/);
  expect(configuration).toMatchObject({
    ServiceName: `com.amazonaws.vpce.${REGION}.${serviceId}`,
    ServiceState: 'Pending',
    ServiceType: [{ ServiceType: 'Interface' }],
    AcceptanceRequired: true,
    NetworkLoadBalancerArns: [loadBalancerArn],
    BaseEndpointDnsNames: [`${serviceId}.${REGION}.vpce.amazonaws.com`],
    AvailabilityZones: [`${REGION}a`],
  });
  local.cloud.settle();
  expect((await describeService(serviceId)).ServiceState).toBe('Available');
});

test('a load balancer that does not exist is refused', async () => {
  const arn = `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/nosuch/0123456789abcdef`;
  const error = await refused(local.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [arn] })));
  expect(error.name).toBe('InvalidParameter');
});

test('allowed principals are added, typed, listed and removed', async () => {
  const { serviceId } = await endpointService(local, 2, { acceptanceRequired: true });
  const role = 'arn:aws:iam::111122223333:role/consumer';
  const added = await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [role] }));
  expect(added).toMatchObject({ ReturnValue: true, AddedPrincipals: [{ Principal: role, PrincipalType: 'Role', ServiceId: serviceId }] });
  expect(added.AddedPrincipals![0]!.ServicePermissionId).toMatch(/^vpce-svc-perm-[0-9a-f]{17}$/);
  const listed = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }));
  expect(listed.AllowedPrincipals!.map(({ Principal, PrincipalType }) => [Principal, PrincipalType])).toEqual([
    [ACCOUNT_ROOT, 'Account'],
    [role, 'Role'],
  ]);
  const accounts = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, Filters: [{ Name: 'principal-type', Values: ['Account'] }] }));
  expect(accounts.AllowedPrincipals!.map((allowed) => allowed.Principal)).toEqual([ACCOUNT_ROOT]);
  await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: [role] }));
  const after = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }));
  expect(after.AllowedPrincipals!.map((allowed) => allowed.Principal)).toEqual([ACCOUNT_ROOT]);
  const malformed = await refused(local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: ['someone'] })));
  expect(malformed.name).toBe('InvalidParameterValue');
});

test('DescribeVpcEndpointServices shows a service only to allowed principals', async () => {
  const { serviceId, serviceName } = await endpointService(local, 3, { acceptanceRequired: false });
  const visible = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }));
  expect(visible.ServiceDetails).toEqual([
    expect.objectContaining({ ServiceId: serviceId, Owner: '000000000000', AcceptanceRequired: false, ServiceType: [{ ServiceType: 'Interface' }] }),
  ]);
  await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: [ACCOUNT_ROOT] }));
  const hidden = await refused(local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] })));
  expect(hidden.name).toBe('InvalidServiceName');
});

test('DescribeVpcEndpointServiceConfigurations filters, and refuses an unknown id', async () => {
  const { serviceId, serviceName } = await endpointService(local, 4, { acceptanceRequired: true });
  const byName = await local.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: 'service-name', Values: [serviceName] }] }));
  expect(byName.ServiceConfigurations!.map((service) => service.ServiceId)).toEqual([serviceId]);
  const available = await local.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: 'service-state', Values: ['Available'] }] }));
  expect(available.ServiceConfigurations!.map((service) => service.ServiceId)).toContain(serviceId);
  const unknown = await refused(describeService('vpce-svc-0123456789abcdef0'));
  expect(unknown.name).toBe('InvalidVpcEndpointServiceId.NotFound');
});

test('a retried create with the same ClientToken returns the first configuration', async () => {
  const { loadBalancerArn } = await endpointService(local, 5, { acceptanceRequired: true });
  const input = { NetworkLoadBalancerArns: [loadBalancerArn], ClientToken: 'run-5/service' };
  const first = await local.ec2.send(new CreateVpcEndpointServiceConfigurationCommand(input));
  const again = await local.ec2.send(new CreateVpcEndpointServiceConfigurationCommand(input));
  expect(again.ServiceConfiguration!.ServiceId).toBe(first.ServiceConfiguration!.ServiceId);
});

test('deleting a service with live connections is Unsuccessful until they are rejected', async () => {
  const { serviceId, serviceName } = await endpointService(local, 6, { acceptanceRequired: true });
  const consumer = await vpcWithTwoZones(local.ec2, 106);
  const { VpcEndpoint } = await local.ec2.send(
    new CreateVpcEndpointCommand({ VpcId: consumer.vpcId, ServiceName: serviceName, VpcEndpointType: 'Interface', SubnetIds: [consumer.subnetA] }),
  );
  const blocked = await local.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
  expect(blocked.Unsuccessful).toEqual([{ ResourceId: serviceId, Error: { Code: 'ExistingVpcEndpointConnections', Message: expect.any(String) } }]);

  await local.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
  const deleted = await local.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId, 'vpce-svc-0123456789abcdef0'] }));
  expect(deleted.Unsuccessful).toEqual([
    { ResourceId: 'vpce-svc-0123456789abcdef0', Error: { Code: 'InvalidVpcEndpointServiceId.NotFound', Message: expect.any(String) } },
  ]);
  expect((await refused(describeService(serviceId))).name).toBe('InvalidVpcEndpointServiceId.NotFound');
  await local.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
});
