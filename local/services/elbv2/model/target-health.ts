import type { TargetHealthReasonEnum, TargetHealthStateEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { InstanceRecord, InstanceStateName } from '../../ec2/model/ec2-records';
import { type Elbv2Context, elbv2Context } from './elbv2-context';
import type { LoadBalancerRecord, TargetGroupRecord, TargetRecord } from './elbv2-records';
import { listenersOf, loadBalancersUsing } from './target-group-usage';

/** A target's health as DescribeTargetHealth reports it, in ELBv2's reason codes and words. */
export interface TargetHealthReport {
  readonly state: TargetHealthStateEnum;
  readonly reason?: TargetHealthReasonEnum;
  readonly description?: string;
}

const report = (state: TargetHealthStateEnum, reason?: TargetHealthReasonEnum, description?: string): TargetHealthReport => ({ state, reason, description });

export const HEALTH = {
  healthy: report('healthy'),
  registering: report('initial', 'Elb.RegistrationInProgress', 'Target registration is in progress'),
  // "Elb.InitialHealthChecking - Initial health checks in progress." (Elastic Load Balancing API Reference, TargetHealth data type).
  initialChecks: report('initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress'),
  failing: report('unhealthy', 'Target.FailedHealthChecks', 'Health checks failed'),
  draining: report('draining', 'Target.DeregistrationInProgress', 'Target deregistration is in progress'),
  notInUse: report('unused', 'Target.NotInUse', 'Target group is not configured to receive traffic from the load balancer'),
  zoneNotEnabled: report('unused', 'Target.NotInUse', 'Target is in an Availability Zone that is not enabled for the load balancer'),
  invalidState: report('unused', 'Target.InvalidState', 'Target is in the stopped or terminated state'),
  // "If the target state is unused, the reason code can be … Target.NotRegistered - The target is not registered with
  // the target group." (Elastic Load Balancing API Reference, TargetHealth data type,
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html); the description is
  // moto's wording (moto/elbv2/models.py, TargetGroup.health_for), which the reference does not give.
  notRegistered: report('unused', 'Target.NotRegistered', 'Target is not registered to the target group'),
} as const;

/** EC2 states in which an instance cannot be a target (ELBv2 calls them all "stopped or terminated"). */
const OUT_OF_SERVICE: readonly InstanceStateName[] = ['stopping', 'stopped', 'shutting-down', 'terminated'];

/** The instance a target reaches: the instance itself, or for an `ip` target the instance holding that address. */
export function instanceBehind(context: Elbv2Context, group: TargetGroupRecord, targetId: string): InstanceRecord | undefined {
  const instances = context.ec2.tables.instances;
  if (group.targetType === 'instance') return instances.get(targetId);
  return instances.all().find((instance) => instance.vpcId === group.vpcId && instance.privateIpAddress === targetId && instance.state !== 'terminated');
}

const zonesOf = (context: Elbv2Context, balancer: LoadBalancerRecord): (string | undefined)[] =>
  balancer.subnetIds.map((subnetId) => context.ec2.tables.subnets.get(subnetId)?.availabilityZone);

/**
 * What ELBv2 reports for a target, from what the cloud knows: registration
 * progress, whether a listener sends the group traffic, the zones of the load
 * balancer (cross-zone load balancing is off by default on an NLB) and the
 * instance's EC2 state. A health check reaches a target when its instance is
 * `running`; what the instance listens on is the network model's business.
 */
export function targetHealth(context: Elbv2Context, group: TargetGroupRecord, target: TargetRecord): TargetHealthReport {
  if (target.state === 'draining') return HEALTH.draining;
  const balancer = loadBalancersUsing(context, group.id).find((candidate) => !candidate.deleting);
  if (!balancer) return HEALTH.notInUse;
  const instance = instanceBehind(context, group, target.id);
  if (group.targetType === 'instance' && (!instance || OUT_OF_SERVICE.includes(instance.state))) return HEALTH.invalidState;
  if (instance && !zonesOf(context, balancer).includes(instance.availabilityZone)) return HEALTH.zoneNotEnabled;
  if (balancer.state !== 'active' || (target.state === 'initial' && target.registrationCompletedAt === undefined)) return HEALTH.registering;
  if (target.state === 'initial') return HEALTH.initialChecks;
  return instance?.state === 'running' ? HEALTH.healthy : HEALTH.failing;
}

/** An instance that would answer a connection through a load balancer, and the port it would be reached on. */
export interface ServingTarget {
  readonly instance: InstanceRecord;
  readonly port: number;
}

const STREAM_PROTOCOLS = ['TCP', 'TCP_UDP', 'TLS'];

/**
 * For the network model: the instances a new TCP connection to an NLB's
 * `port` can reach. They are the healthy targets of the listener's group;
 * when none is healthy, an NLB fails open and uses the unhealthy ones (never
 * those still `initial`, `draining` or `unused`). Empty when there is no such
 * load balancer or listener, or no target to use.
 */
export function servingTargetsOf(runtime: CloudRuntime, loadBalancerArn: string, port: number): ServingTarget[] {
  const context = elbv2Context(runtime);
  const balancer = context.tables.loadBalancers.get(loadBalancerArn);
  if (!balancer || balancer.deleting) return [];
  const listener = listenersOf(context, balancer.id).find((candidate) => candidate.port === port && STREAM_PROTOCOLS.includes(candidate.protocol));
  const group = listener && context.tables.targetGroups.get(listener.targetGroupArn);
  if (!group) return [];
  const reports = group.targets.map((target) => ({ target, health: targetHealth(context, group, target) }));
  const healthy = reports.filter(({ health }) => health === HEALTH.healthy);
  const usable = healthy.length > 0 ? healthy : reports.filter(({ health }) => health === HEALTH.failing);
  return usable.flatMap(({ target }) => {
    const instance = instanceBehind(context, group, target.id);
    return instance ? [{ instance, port: target.port }] : [];
  });
}
