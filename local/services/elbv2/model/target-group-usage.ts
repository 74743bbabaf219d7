import type { Elbv2Context } from './elbv2-context';
import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord } from './elbv2-records';

/** The listeners that forward to a target group. */
export const listenersForwardingTo = (context: Elbv2Context, targetGroupArn: string): ListenerRecord[] =>
  context.tables.listeners.all().filter((listener) => listener.targetGroupArn === targetGroupArn);

export const listenersOf = (context: Elbv2Context, loadBalancerArn: string): ListenerRecord[] =>
  context.tables.listeners
    .all()
    .filter((listener) => listener.loadBalancerArn === loadBalancerArn)
    .sort((a, b) => a.port - b.port);

/** The load balancers whose listeners forward to a target group (an NLB's group serves at most one). */
export function loadBalancersUsing(context: Elbv2Context, targetGroupArn: string): LoadBalancerRecord[] {
  const arns = new Set(listenersForwardingTo(context, targetGroupArn).map((listener) => listener.loadBalancerArn));
  return [...arns].map((arn) => context.tables.loadBalancers.get(arn)).filter((balancer): balancer is LoadBalancerRecord => balancer !== undefined);
}

/** The load balancer sending traffic to a group, once it is active: what starts health checks of its targets. */
export const activeLoadBalancerOf = (context: Elbv2Context, group: TargetGroupRecord): LoadBalancerRecord | undefined =>
  loadBalancersUsing(context, group.id).find((balancer) => balancer.state === 'active' && !balancer.deleting);

/** The target groups a load balancer's listeners forward to. */
export function targetGroupsBehind(context: Elbv2Context, loadBalancerArn: string): TargetGroupRecord[] {
  const arns = new Set(listenersOf(context, loadBalancerArn).map((listener) => listener.targetGroupArn));
  return [...arns].map((arn) => context.tables.targetGroups.get(arn)).filter((group): group is TargetGroupRecord => group !== undefined);
}
