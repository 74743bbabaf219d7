import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClients } from '../../functions/commons/aws-clients';
import { runFilters, TAG } from '../../functions/commons/lab-tags';
import type { StepDependencies } from '../../functions/commons/lab-step';
import { logger } from '../../functions/commons/logger';
import { awaitConnectionAccepted } from '../../functions/lab/build/await-connection-accepted';
import { awaitEndpointServiceAvailable } from '../../functions/lab/build/await-endpoint-service-available';
import { awaitInstancesManaged } from '../../functions/lab/build/await-instances-managed';
import { awaitLoadBalancerActive } from '../../functions/lab/build/await-load-balancer-active';
import { awaitVpcEndpointsAvailable } from '../../functions/lab/build/await-vpc-endpoints-available';
import { buildConsumerNetwork } from '../../functions/lab/build/build-consumer-network';
import { buildProviderNetwork } from '../../functions/lab/build/build-provider-network';
import { createEndpointService } from '../../functions/lab/build/create-endpoint-service';
import { createGatewayEndpoints } from '../../functions/lab/build/create-gateway-endpoints';
import { createInterfaceEndpoint } from '../../functions/lab/build/create-interface-endpoint';
import { createLoadBalancer } from '../../functions/lab/build/create-load-balancer';
import { createServiceEndpoint } from '../../functions/lab/build/create-service-endpoint';
import { launchConsumerInstances } from '../../functions/lab/build/launch-consumer-instances';
import { launchWebServers } from '../../functions/lab/build/launch-web-servers';
import type { LabRun } from '../../functions/lab/lab-run';
import { bastionScript } from '../../functions/lab/verification/bastion-hop';
import { preflight } from '../../functions/lab/build/preflight';
import { registerWebServers } from '../../functions/lab/build/register-web-servers';
import { LabIdentities } from '../../local/iam/lab-identities';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { runScript } from '../support/ssm-lab';

/**
 * The build steps in the workflow's order against the local cloud: what
 * the mocks cannot show (AWS's asynchronous states, the network the lab
 * depends on, what a second invocation really leaves behind).
 */

const run: LabRun = { runId: 'lab-20261126-0112-ab12', scenario: 'full', region: REGION, expiresAt: '2026-11-26T03:12:00.000Z', keep: false };

const local = localCloudForTests();
let dependencies: StepDependencies;
const savedEnv = { ...process.env };

beforeAll(() => {
  // The instances run as the lab's instance profile: the public one pushes the hop's key with its role.
  const identities = LabIdentities.fromFile({ partition: 'aws', region: REGION, accountId: local.cloud.runtime.accountId });
  const LAB_INSTANCE_PROFILE = [...identities.instanceProfiles.keys()].join(',');
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ACCEPT_GRACE_SECONDS: '0', LAB_INSTANCE_PROFILE });
  dependencies = { clients: awsClients({ region: REGION, endpoint: local.cloud.endpoint }), logger, now: () => new Date() };
});
afterAll(() => {
  process.env = savedEnv;
});

/** What the workflow's Retry does: call again while the step says NotReady, letting AWS's time pass in between. */
async function untilReady<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if ((error as Error).name !== 'NotReady' || attempt === attempts) throw error;
      local.cloud.settle();
    }
  }
}

/** Runs a step twice with the same input, as a retried Task would: both answers must be the same resources. */
async function twice<I, O>(step: (input: I, dependencies: StepDependencies) => Promise<O>, input: I): Promise<O> {
  const first = await step(input, dependencies);
  expect(await step(input, dependencies)).toEqual(first);
  return first;
}

const runOnly: Filter[] = runFilters(run.runId);
const elbv2Tags = async (arn: string) => (await local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }))).TagDescriptions![0]!.Tags!;

test('the build steps, each run twice, make the whole lab once, tagged for the run, and it works', async () => {
  const plan = await preflight({ run }, dependencies);
  expect(plan).toEqual({ amiId: expect.stringMatching(/^ami-/), zones: [`${REGION}a`, `${REGION}b`], lessons: { gateway: true, interface: true, service: true }, accountId: local.cloud.runtime.accountId });

  const consumer = await twice(buildConsumerNetwork, { run, plan });
  const consumerInstances = await twice(launchConsumerInstances, { run, plan, consumer });
  const provider = await twice(buildProviderNetwork, { run, plan });
  const webServers = await twice(launchWebServers, { run, plan, provider });
  const loadBalancer = await twice(createLoadBalancer, { run, provider });
  await untilReady(() => awaitInstancesManaged({ run, consumerInstances }, dependencies));

  const gatewayEndpoints = await twice(createGatewayEndpoints, { run, consumer });
  const interfaceEndpoints = await twice(createInterfaceEndpoint, { run, consumer });
  expect([...gatewayEndpoints.vpcEndpointIds, ...interfaceEndpoints.vpcEndpointIds]).toHaveLength(3);
  // Without ids the step awaits every endpoint tagged for the run, as the workflow calls it.
  await untilReady(() => awaitVpcEndpointsAvailable({ run }, dependencies));

  await untilReady(() => registerWebServers({ run, webServers, loadBalancer }, dependencies));
  await untilReady(() => awaitLoadBalancerActive({ run, loadBalancer }, dependencies));
  const endpointService = await twice(createEndpointService, { run, plan, loadBalancer });
  await untilReady(() => awaitEndpointServiceAvailable({ run, endpointService }, dependencies));
  const serviceEndpoint = await twice(createServiceEndpoint, { run, consumer, endpointService });
  const connection = await untilReady(() => awaitConnectionAccepted({ run, plan, endpointService, serviceEndpoint }, dependencies));
  expect(connection).toMatchObject({ vpcEndpointId: serviceEndpoint.vpcEndpointId, workflowDecision: { accept: true } });
  await untilReady(() => awaitVpcEndpointsAvailable({ run, vpcEndpointIds: [serviceEndpoint.vpcEndpointId] }, dependencies));
  local.cloud.settle();

  const { ec2, elbv2 } = local;
  const vpcs = (await ec2.send(new DescribeVpcsCommand({ Filters: runOnly }))).Vpcs!;
  expect(vpcs.map((vpc) => vpc.CidrBlock).sort()).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
  for (const attribute of ['enableDnsSupport', 'enableDnsHostnames'] as const) {
    const answer = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: consumer.vpcId, Attribute: attribute }));
    expect(answer.EnableDnsSupport?.Value ?? answer.EnableDnsHostnames?.Value).toBe(true);
  }
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: runOnly }))).Subnets!;
  expect(subnets.map((subnet) => [subnet.CidrBlock, subnet.AvailabilityZone, subnet.MapPublicIpOnLaunch]).sort()).toEqual([
    ['10.0.0.0/24', `${REGION}a`, true],
    ['10.0.1.0/24', `${REGION}a`, false],
    ['10.1.0.0/24', `${REGION}a`, true],
    ['10.1.1.0/24', `${REGION}b`, true],
  ]);
  expect((await ec2.send(new DescribeInternetGatewaysCommand({ Filters: runOnly }))).InternetGateways!.map((gateway) => gateway.Attachments![0]!.VpcId).sort()).toEqual(
    [consumer.vpcId, provider.vpcId].sort(),
  );

  const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: runOnly }))).RouteTables!;
  expect(tables).toHaveLength(3);
  const table = (id: string) => tables.find((candidate) => candidate.RouteTableId === id)!;
  const internetRoute = (id: string) => table(id).Routes!.find((route) => route.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId;
  expect(internetRoute(consumer.publicRouteTableId)).toBe(consumer.internetGatewayId);
  expect(internetRoute(consumer.privateRouteTableId)).toBeUndefined();
  expect(internetRoute(provider.routeTableId)).toBe(provider.internetGatewayId);
  expect(table(consumer.privateRouteTableId).Associations!.map((association) => association.SubnetId)).toEqual([consumer.privateSubnetId]);
  expect(table(provider.routeTableId).Associations!.map((association) => association.SubnetId).sort()).toEqual([...provider.subnetIds].sort());
  for (const id of [consumer.publicRouteTableId, consumer.privateRouteTableId]) {
    expect(table(id).Routes!.filter((route) => route.DestinationPrefixListId)).toHaveLength(2);
  }

  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: runOnly }))).SecurityGroups!;
  const ports = (id: string) => groups.find((group) => group.GroupId === id)!.IpPermissions!.map((permission) => [permission.FromPort, permission.IpRanges![0]!.CidrIp]).sort();
  expect(groups).toHaveLength(3);
  expect(ports(consumer.instanceSecurityGroupId)).toEqual([[22, '10.0.0.0/24']]);
  expect(ports(consumer.endpointSecurityGroupId)).toEqual([[443, '10.0.0.0/16'], [80, '10.0.0.0/16']]);
  expect(ports(provider.webSecurityGroupId)).toEqual([[80, '10.1.0.0/16']]);

  const instances = (await ec2.send(new DescribeInstancesCommand({ Filters: runOnly }))).Reservations!.flatMap((reservation) => reservation.Instances!);
  expect(instances.map((instance) => [instance.SubnetId, instance.State!.Name, instance.InstanceType]).sort()).toEqual(
    [consumer.publicSubnetId, consumer.privateSubnetId, ...provider.subnetIds].map((subnetId) => [subnetId, 'running', 't3.micro']).sort(),
  );
  expect(instances.find((instance) => instance.InstanceId === consumerInstances.publicInstanceId)!.PublicIpAddress).toBeDefined();
  expect(instances.find((instance) => instance.InstanceId === consumerInstances.privateInstanceId)!.PublicIpAddress).toBeUndefined();

  const endpoints = (await ec2.send(new DescribeVpcEndpointsCommand({ Filters: runOnly }))).VpcEndpoints!;
  expect(endpoints.map((endpoint) => [endpoint.ServiceName, endpoint.VpcEndpointType, endpoint.State]).sort()).toEqual(
    [
      [`com.amazonaws.${REGION}.cloudformation`, 'Interface', 'available'],
      [`com.amazonaws.${REGION}.dynamodb`, 'Gateway', 'available'],
      [`com.amazonaws.${REGION}.s3`, 'Gateway', 'available'],
      [endpointService.serviceName, 'Interface', 'available'],
    ].sort(),
  );

  const [service] = (await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: runOnly }))).ServiceConfigurations!;
  expect(service).toMatchObject({ ServiceId: endpointService.serviceId, AcceptanceRequired: true, NetworkLoadBalancerArns: [loadBalancer.loadBalancerArn] });
  const { AllowedPrincipals } = await ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: endpointService.serviceId }));
  expect(AllowedPrincipals!.map((principal) => principal.Principal)).toEqual([`arn:aws:iam::${plan.accountId}:root`]);

  const [balancer] = (await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancer.loadBalancerArn] }))).LoadBalancers!;
  expect(balancer).toMatchObject({ LoadBalancerName: 'lab-20261126-0112-ab12-nlb', Scheme: 'internal', Type: 'network', State: { Code: 'active' } });
  expect(balancer!.AvailabilityZones!.map((zone) => zone.SubnetId).sort()).toEqual([...provider.subnetIds].sort());
  const { Listeners } = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancer.loadBalancerArn }));
  expect(Listeners!.map((listener) => [listener.Port, listener.Protocol, listener.DefaultActions![0]!.TargetGroupArn])).toEqual([[80, 'TCP', loadBalancer.targetGroupArn]]);
  const { TargetHealthDescriptions } = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: loadBalancer.targetGroupArn }));
  expect(TargetHealthDescriptions!.map((target) => target.Target!.Id).sort()).toEqual([...webServers.instanceIds].sort());
  for (const arn of [loadBalancer.loadBalancerArn, loadBalancer.targetGroupArn, loadBalancer.listenerArn]) {
    expect(await elbv2Tags(arn)).toEqual(expect.arrayContaining([{ Key: TAG.runId, Value: run.runId }, { Key: TAG.managed, Value: 'true' }]));
  }

  // The lab works: the private instance, reached over ssh from the public one, gets the provider's page through the accepted endpoint.
  const hop = { region: REGION, instanceId: consumerInstances.privateInstanceId, privateIp: consumerInstances.privateInstanceIp };
  const curl = await runScript(local, consumerInstances.publicInstanceId, bastionScript('service.http', `curl -sS --max-time 5 http://${serviceEndpoint.dnsName}/`, hop));
  expect(curl).toMatchObject({ code: 0, stdout: expect.stringMatching(/Endpoint Service Web Server [12]/) });
});
