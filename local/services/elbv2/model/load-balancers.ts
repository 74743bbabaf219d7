import { awsSeconds } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import { ServiceError } from '../../../protocol/service-error';
import type { SecurityGroupRecord, SubnetRecord } from '../../ec2/model/ec2-records';
import { gatewayOfVpc } from '../../ec2/model/internet-gateways';
import { createNetworkInterface, releaseLater } from '../../ec2/model/network-interfaces';
import { allocatePublicIp } from '../../ec2/model/public-addresses';
import { type Elbv2Context, inRegion, recordBase } from './elbv2-context';
import { invalidConfiguration, resourceInUse } from './elbv2-errors';
import { loadBalancerArn, loadBalancerDnsName, newArnSuffix } from './elbv2-names';
import type { LoadBalancerRecord } from './elbv2-records';
import { deleteListener } from './listeners';
import { nlbHostedZoneId } from './nlb-hosted-zones';
import { listenersOf, targetGroupsBehind } from './target-group-usage';
import { startHealthChecks } from './targets';
import { requireQuotaHeadroom } from '../../servicequotas/model/applied-quotas';
import { modelledQuota } from '../../servicequotas/model/default-quotas';

/**
 * "Network Load Balancers per Region" (default 50) holds at
 * CreateLoadBalancer: TooManyLoadBalancersException, "You've reached the
 * limit on the number of load balancers for your AWS account" (Elastic Load
 * Balancing API Reference, CreateLoadBalancer, Errors), with that sentence
 * as the message: what AWS writes in the answer itself was not found.
 */
const NETWORK_LOAD_BALANCERS_PER_REGION = modelledQuota('elasticloadbalancing', 'L-69A177A2');

export const LOAD_BALANCER_ACTIVE = 'elbv2.load-balancer-active';
export const LOAD_BALANCER_DELETED = 'elbv2.load-balancer-deleted';

export function registerLoadBalancerEvents(context: Elbv2Context): void {
  context.runtime.scheduler.on(LOAD_BALANCER_ACTIVE, ({ id }) => {
    const balancer = context.tables.loadBalancers.update(id ?? '', (record) => {
      if (record.state === 'provisioning') record.state = 'active';
    });
    if (!balancer || balancer.deleting) return;
    for (const group of targetGroupsBehind(context, balancer.id)) startHealthChecks(context, group);
  });
  context.runtime.scheduler.on(LOAD_BALANCER_DELETED, ({ id }) => {
    const balancer = context.tables.loadBalancers.get(id ?? '');
    if (!balancer) return;
    context.tables.loadBalancers.delete(balancer.id);
    releaseLater(context.ec2, balancer.networkInterfaceIds);
  });
}

export interface LoadBalancerSpec {
  readonly name: string;
  readonly scheme: LoadBalancerRecord['scheme'];
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly tags: Tags;
}

/** Load balancers that hold their name: all but those being deleted. */
export const liveLoadBalancerNamed = (context: Elbv2Context, region: string, name: string): LoadBalancerRecord | undefined =>
  inRegion(context.tables.loadBalancers, region).find((balancer) => balancer.name === name && !balancer.deleting);

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join() === [...b].sort().join();

const sameSettings = (balancer: LoadBalancerRecord, spec: LoadBalancerSpec): boolean =>
  balancer.scheme === spec.scheme && sameSet(balancer.subnetIds, spec.subnetIds) && sameSet(balancer.securityGroupIds, spec.securityGroupIds);

/** The subnets of a new load balancer: all known, at most one per zone, all in one VPC. */
function requireSubnets(context: Elbv2Context, region: string, subnetIds: readonly string[]): SubnetRecord[] {
  const subnets = subnetIds.map((id) => {
    const subnet = context.ec2.tables.subnets.get(id);
    if (!subnet || subnet.region !== region) throw new ServiceError('SubnetNotFound', `The subnet ID '${id}' does not exist`);
    return subnet;
  });
  const zones = subnets.map((subnet) => subnet.availabilityZone);
  if (new Set(zones).size !== zones.length) throw invalidConfiguration('A load balancer cannot be attached to multiple subnets in the same Availability Zone');
  const vpcs = [...new Set(subnets.map((subnet) => subnet.vpcId))];
  if (vpcs.length > 1) throw invalidConfiguration(`The subnets of a load balancer must all be in one VPC, not in ${vpcs.join(' and ')}`);
  return subnets;
}

function requireSecurityGroups(context: Elbv2Context, groupIds: readonly string[], vpcId: string): SecurityGroupRecord[] {
  return groupIds.map((id) => {
    const group = context.ec2.tables.securityGroups.get(id);
    if (!group || group.vpcId !== vpcId) throw new ServiceError('InvalidSecurityGroup', `Security group '${id}' does not exist in VPC '${vpcId}'`);
    return group;
  });
}

/**
 * A Network Load Balancer: `provisioning` until ELBv2 has placed a node (an
 * interface, with a public address if internet-facing) in each subnet, then
 * `active`. ELBv2's create is idempotent by name: the same settings return the
 * existing load balancer, other settings are refused.
 */
export function createLoadBalancer(context: Elbv2Context, region: string, spec: LoadBalancerSpec): LoadBalancerRecord {
  const existing = liveLoadBalancerNamed(context, region, spec.name);
  if (existing) {
    if (sameSettings(existing, spec)) return existing;
    throw new ServiceError('DuplicateLoadBalancerName', `A load balancer with the same name '${spec.name}' exists, but with different settings`);
  }
  const inRegion = context.tables.loadBalancers.all().filter((balancer) => balancer.region === region).length;
  requireQuotaHeadroom(context.runtime.store, NETWORK_LOAD_BALANCERS_PER_REGION, inRegion, () => new ServiceError('TooManyLoadBalancers', "You've reached the limit on the number of load balancers for your AWS account."));
  const subnets = requireSubnets(context, region, spec.subnetIds);
  const vpcId = (subnets[0] as SubnetRecord).vpcId;
  requireSecurityGroups(context, spec.securityGroupIds, vpcId);
  const internetFacing = spec.scheme === 'internet-facing';
  if (internetFacing && !gatewayOfVpc(context.ec2, vpcId)) throw new ServiceError('InvalidSubnet', `VPC ${vpcId} has no internet gateway`);
  const suffix = newArnSuffix();
  const arn = loadBalancerArn(region, context.runtime.accountId, spec.name, suffix);
  const networkInterfaceIds = subnets.map(
    (subnet) =>
      createNetworkInterface(context.ec2, subnet, {
        owner: { kind: 'load-balancer', id: arn },
        interfaceType: 'network_load_balancer',
        description: `ELB net/${spec.name}/${suffix}`,
        groupIds: [...spec.securityGroupIds],
        publicIp: internetFacing ? allocatePublicIp(context.ec2) : undefined,
      }).id,
  );
  const balancer: LoadBalancerRecord = {
    ...recordBase(context, arn, region, spec.tags),
    name: spec.name,
    type: 'network',
    scheme: spec.scheme,
    state: 'provisioning',
    vpcId,
    subnetIds: [...spec.subnetIds],
    securityGroupIds: [...spec.securityGroupIds],
    dnsName: loadBalancerDnsName(spec.name, suffix, region),
    canonicalHostedZoneId: nlbHostedZoneId(region),
    networkInterfaceIds,
    deleting: false,
  };
  context.tables.loadBalancers.put(balancer);
  context.runtime.scheduler.after(awsSeconds('loadBalancerActive'), LOAD_BALANCER_ACTIVE, { id: arn });
  return balancer;
}

/**
 * Deletes a load balancer and its listeners. Refused while an endpoint
 * service of this cloud fronts it. It stays listed a little while, then goes,
 * and its interfaces linger in their subnets before EC2 releases them.
 */
export function deleteLoadBalancer(context: Elbv2Context, balancer: LoadBalancerRecord): void {
  if (balancer.deleting) return;
  const service = context.ec2.tables.endpointServices
    .all()
    .find((candidate) => candidate.serviceState !== 'Deleted' && candidate.networkLoadBalancerArns.includes(balancer.id));
  if (service) throw resourceInUse(`Load balancer '${balancer.id}' cannot be deleted because it is currently associated with another service`);
  context.tables.loadBalancers.update(balancer.id, (record) => (record.deleting = true));
  for (const listener of listenersOf(context, balancer.id)) deleteListener(context, listener);
  context.runtime.scheduler.after(awsSeconds('loadBalancerDeleted'), LOAD_BALANCER_DELETED, { id: balancer.id });
}
