import {
  CreateInternetGatewayCommand,
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { isDeepStrictEqual } from 'node:util';
import { runTags, TAG } from '../../../functions/commons/lab-tags';
import { vpcWithTwoZones } from '../../support/endpoint-lab';
import { eventually } from '../../support/local-lab-fixture';
import { createNlb, createTcpTargetGroup, forwardTcp, launchInstance } from '../../support/nlb-lab';
import { serviceName } from '../../support/ssm-lab';

interface Clients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
}

/** What is not the lab's to touch, by id (ARNs for ELBv2). */
export interface ForeignResources {
  readonly vpcIds: string[];
  readonly internetGatewayIds: string[];
  readonly serviceIds: string[];
  readonly loadBalancerArns: string[];
  readonly targetGroupArns: string[];
}

/** A run that is not any run of the tests: live (its TTL far away), so nothing may remove it. */
export const OTHER_RUN = { runId: 'lab-20250101-0000-0e1f', scenario: 'full', expiresAt: '2099-01-01T00:00:00.000Z' } as const;

/**
 * Someone else's resources in the lab's region: the account's default VPC
 * (with its default subnets, internet gateway, main route table and default
 * security group, there from the start), a VPC `10.<n>.0.0/16` with
 * two subnets, a web server behind an NLB published as an endpoint service,
 * and endpoints to it, to S3 and to CloudFormation, none tagged; a VPC
 * `10.<n+1>.0.0/16` of another (live) run, every piece tagged for that run;
 * and an internet gateway tagged like an expired run but not marked as
 * managed by vpce-lab. Three VPCs in all, the default one included, so a
 * full lab still fits the account's quota of five.
 */
export async function seedForeignResources({ ec2, elbv2 }: Clients, n: number): Promise<ForeignResources> {
  const { Vpcs: defaultVpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  if (defaultVpcs?.length !== 1) throw new Error(`expected the account's default VPC, found ${defaultVpcs?.length ?? 0}`);
  const untagged = await vpcWithTwoZones(ec2, n);
  const server = await launchInstance(ec2, untagged.subnetA);
  const balancer = await createNlb(elbv2, { Name: `foreign-${n}`, Subnets: [untagged.subnetA, untagged.subnetB] });
  const group = await createTcpTargetGroup(elbv2, { Name: `foreign-${n}`, VpcId: untagged.vpcId });
  await forwardTcp(elbv2, balancer.LoadBalancerArn!, group.TargetGroupArn!);
  // Both wait on the cloud's clock, which runs at the pace of the test's cloud.
  await eventually(async () => {
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [server] }));
    return Reservations?.[0]?.Instances?.[0]?.State?.Name === 'running';
  }, 20_000);
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn!, Targets: [{ Id: server }] }));
  const { ServiceConfiguration } = await ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [balancer.LoadBalancerArn!], AcceptanceRequired: false }));
  const serviceId = ServiceConfiguration!.ServiceId!;
  await eventually(async () => {
    const { ServiceConfigurations } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    return String(ServiceConfigurations?.[0]?.ServiceState).toLowerCase() === 'available';
  }, 20_000);
  const endpoint = (service: string, type: 'Interface' | 'Gateway', placement: object) =>
    ec2.send(new CreateVpcEndpointCommand({ VpcId: untagged.vpcId, VpcEndpointType: type, ServiceName: service, ...placement }));
  await endpoint(ServiceConfiguration!.ServiceName!, 'Interface', { SubnetIds: [untagged.subnetB] });
  await endpoint(serviceName('cloudformation'), 'Interface', { SubnetIds: [untagged.subnetA], PrivateDnsEnabled: false });
  const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [untagged.vpcId] }] }));
  await endpoint(serviceName('s3'), 'Gateway', { RouteTableIds: RouteTables!.map((table) => table.RouteTableId!) });

  const other = await otherRunsNetwork({ ec2, elbv2 }, n + 1);
  const lookAlikeTags = runTags({ runId: 'lab-20250101-0000-0a0a', scenario: 'full', expiresAt: '2025-01-01T02:00:00.000Z' }, 'consumer-igw').filter((tag) => tag.Key !== TAG.managed);
  const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: lookAlikeTags }] }));
  return {
    vpcIds: [untagged.vpcId, other.vpcId, defaultVpcs[0]!.VpcId!],
    internetGatewayIds: [InternetGateway!.InternetGatewayId!],
    serviceIds: [serviceId],
    loadBalancerArns: [balancer.LoadBalancerArn!, other.loadBalancerArn],
    targetGroupArns: [group.TargetGroupArn!, other.targetGroupArn],
  };
}

/** The other run's VPC with two subnets, an instance, an NLB and a target group, all tagged for it at creation or just after. */
async function otherRunsNetwork({ ec2, elbv2 }: Clients, n: number) {
  const network = await vpcWithTwoZones(ec2, n);
  const instance = await launchInstance(ec2, network.subnetA);
  const balancer = await createNlb(elbv2, { Name: `other-run-${n}`, Subnets: [network.subnetA] });
  const group = await createTcpTargetGroup(elbv2, { Name: `other-run-${n}`, VpcId: network.vpcId });
  await ec2.send(new CreateTagsCommand({ Resources: [network.vpcId, network.subnetA, network.subnetB, instance], Tags: runTags(OTHER_RUN, 'other') }));
  await elbv2.send(new AddTagsCommand({ ResourceArns: [balancer.LoadBalancerArn!, group.TargetGroupArn!], Tags: runTags(OTHER_RUN, 'other') }));
  return { vpcId: network.vpcId, loadBalancerArn: balancer.LoadBalancerArn!, targetGroupArn: group.TargetGroupArn! };
}

/** Every foreign resource as the SDK describes it, by its id: everything in the foreign VPCs and each named resource. */
export async function describeForeign({ ec2, elbv2 }: Clients, foreign: ForeignResources): Promise<Map<string, unknown>> {
  const inVpcs = { Filters: [{ Name: 'vpc-id', Values: foreign.vpcIds }] };
  const described = new Map<string, unknown>();
  const add = <T>(items: T[] | undefined, id: (item: T) => string | undefined) => {
    for (const item of items ?? []) described.set(id(item) ?? JSON.stringify(item), item);
  };
  add((await ec2.send(new DescribeVpcsCommand({ VpcIds: foreign.vpcIds }))).Vpcs, (vpc) => vpc.VpcId);
  add((await ec2.send(new DescribeSubnetsCommand(inVpcs))).Subnets, (subnet) => subnet.SubnetId);
  add((await ec2.send(new DescribeRouteTablesCommand(inVpcs))).RouteTables, (table) => table.RouteTableId);
  add((await ec2.send(new DescribeSecurityGroupsCommand(inVpcs))).SecurityGroups, (group) => group.GroupId);
  add((await ec2.send(new DescribeNetworkInterfacesCommand(inVpcs))).NetworkInterfaces, (eni) => eni.NetworkInterfaceId);
  add((await ec2.send(new DescribeVpcEndpointsCommand(inVpcs))).VpcEndpoints, (endpoint) => endpoint.VpcEndpointId);
  add(
    (await ec2.send(new DescribeInstancesCommand(inVpcs))).Reservations?.flatMap((reservation) => reservation.Instances ?? []),
    (instance) => instance.InstanceId,
  );
  const gateways = [{ Name: 'attachment.vpc-id', Values: foreign.vpcIds }];
  add((await ec2.send(new DescribeInternetGatewaysCommand({ Filters: gateways }))).InternetGateways, (gateway) => gateway.InternetGatewayId);
  add((await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: foreign.internetGatewayIds }))).InternetGateways, (gateway) => gateway.InternetGatewayId);
  add((await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: foreign.serviceIds }))).ServiceConfigurations, (service) => service.ServiceId);
  const connections = [{ Name: 'service-id', Values: foreign.serviceIds }];
  add((await ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: connections }))).VpcEndpointConnections, (connection) => `${connection.ServiceId}/${connection.VpcEndpointId}`);
  add((await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: foreign.loadBalancerArns }))).LoadBalancers, (balancer) => balancer.LoadBalancerArn);
  add((await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: foreign.targetGroupArns }))).TargetGroups, (group) => group.TargetGroupArn);
  const arns = [...foreign.loadBalancerArns, ...foreign.targetGroupArns];
  add((await elbv2.send(new DescribeTagsCommand({ ResourceArns: arns }))).TagDescriptions, (tags) => `tags:${tags.ResourceArn}`);
  for (const arn of foreign.loadBalancerArns) add((await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: arn }))).Listeners, (listener) => listener.ListenerArn);
  for (const arn of foreign.targetGroupArns) {
    add((await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))).TargetHealthDescriptions, (health) => `health:${arn}/${health.Target?.Id}`);
  }
  return described;
}

/** States AWS passes through on its own: a description holding one will change without anyone touching it. */
const PASSING = /"(pending|provisioning|initial|Pending|pendingAcceptance|shutting-down|deleting)"/;

/**
 * The foreign resources once the cloud has finished with them (instances
 * running, the NLB active, endpoints available, targets healthy): described
 * until nothing is in a passing state and two looks in a row agree.
 */
export async function settledForeign(clients: Clients, foreign: ForeignResources, timeoutMs = 20_000): Promise<Map<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last = await describeForeign(clients, foreign);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await describeForeign(clients, foreign);
    if (isDeepStrictEqual(now, last) && !PASSING.test(JSON.stringify([...now.values()]))) return now;
    if (Date.now() > deadline) throw new Error(`the foreign resources did not settle within ${timeoutMs} ms`);
    last = now;
  }
}

/** The ids of foreign resources that changed or disappeared since `before` (the lab touched them), or appeared. */
export function touchedForeign(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => !isDeepStrictEqual(before.get(id), after.get(id)));
}
