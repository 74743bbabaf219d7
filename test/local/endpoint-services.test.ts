import {
  CreateTagsCommand,
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
import type { EndpointServiceRecord } from '../../local/services/ec2/model/ec2-records';
import { admitsAccount } from '../../local/services/ec2/model/endpoint-services';
import { endpointService, vpcWithTwoZones } from '../support/endpoint-lab';
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

test('a new service allows no principal; principals are added, typed, listed and removed', async () => {
  const { serviceId } = await endpointService(local, 2, { acceptanceRequired: true });
  // AWS lists none for a new service: Terraform's TestAccVPCEndpointService_basic checks `allowed_principals.#` = 0
  // (hashicorp/terraform-provider-aws, internal/service/ec2/vpc_endpoint_service_test.go).
  expect((await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }))).AllowedPrincipals).toEqual([]);
  const account = 'arn:aws:iam::111122223333:root';
  const role = 'arn:aws:iam::111122223333:role/consumer';
  const added = await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [account, role] }));
  expect(added).toMatchObject({
    ReturnValue: true,
    AddedPrincipals: [
      { Principal: account, PrincipalType: 'Account', ServiceId: serviceId },
      { Principal: role, PrincipalType: 'Role', ServiceId: serviceId },
    ],
  });
  expect(added.AddedPrincipals![0]!.ServicePermissionId).toMatch(/^vpce-svc-perm-[0-9a-f]{17}$/);
  const listed = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }));
  expect(listed.AllowedPrincipals!.map(({ Principal, PrincipalType }) => [Principal, PrincipalType])).toEqual([
    [account, 'Account'],
    [role, 'Role'],
  ]);
  const accounts = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, Filters: [{ Name: 'principal-type', Values: ['Account'] }] }));
  expect(accounts.AllowedPrincipals!.map((allowed) => allowed.Principal)).toEqual([account]);
  await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: [role] }));
  const after = await local.ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: serviceId }));
  expect(after.AllowedPrincipals!.map((allowed) => allowed.Principal)).toEqual([account]);
  const malformed = await refused(local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: ['someone'] })));
  expect(malformed.name).toBe('InvalidParameterValue');
});

test('DescribeVpcEndpointServices lists the account its own service with no allowed principal, by name, filter and tag', async () => {
  const { serviceId, serviceName } = await endpointService(local, 3, { acceptanceRequired: false });
  await local.ec2.send(new CreateTagsCommand({ Resources: [serviceId], Tags: [{ Key: 'Name', Value: 'own-service' }] }));
  const expected = [expect.objectContaining({ ServiceId: serviceId, Owner: '000000000000', AcceptanceRequired: false, ServiceType: [{ ServiceType: 'Interface' }] })];
  expect((await local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }))).ServiceDetails).toEqual(expected);
  const byFilter = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-name', Values: [serviceName] }] }));
  expect(byFilter.ServiceDetails).toEqual(expected);
  const byTag = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'tag:Name', Values: ['own-service'] }] }));
  expect(byTag.ServiceDetails).toEqual(expected);
  await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: ['arn:aws:iam::111122223333:root'] }));
  await local.ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, RemoveAllowedPrincipals: ['arn:aws:iam::111122223333:root'] }));
  expect((await local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [serviceName] }))).ServiceDetails).toEqual(expected);
});

describe('admitsAccount (the local cloud has one account, so another is asked of the model)', () => {
  const OTHER = '111122223333';
  const service = (allowedPrincipals: string[]): EndpointServiceRecord => ({
    id: 'vpce-svc-0123456789abcdef0',
    region: REGION,
    ownerId: '000000000000',
    createdAt: 0,
    tags: {},
    serviceName: `com.amazonaws.vpce.${REGION}.vpce-svc-0123456789abcdef0`,
    serviceState: 'Available',
    acceptanceRequired: true,
    networkLoadBalancerArns: [],
    allowedPrincipals,
    availabilityZones: [`${REGION}a`],
    baseEndpointDnsNames: [],
  });

  test('admits the owner with no allowed principal, and another account only once one of its principals or * is allowed', () => {
    expect(admitsAccount(service([]), '000000000000')).toBe(true);
    expect(admitsAccount(service([]), OTHER)).toBe(false);
    expect(admitsAccount(service(['arn:aws:iam::444455556666:root']), OTHER)).toBe(false);
    expect(admitsAccount(service([`arn:aws:iam::${OTHER}:root`]), OTHER)).toBe(true);
    expect(admitsAccount(service([`arn:aws:iam::${OTHER}:role/consumer`]), OTHER)).toBe(true);
    expect(admitsAccount(service(['*']), OTHER)).toBe(true);
  });
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
