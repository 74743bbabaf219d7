import type { ServiceError } from '../../../protocol/service-error';
import type { Elbv2Context } from '../model/elbv2-context';
import { requireArns } from '../model/elbv2-context';
import { loadBalancerNotFound, requireMember, targetGroupNotFound } from '../model/elbv2-errors';
import type { LoadBalancerRecord, TargetGroupRecord } from '../model/elbv2-records';

/** The load balancer a call names by ARN, refused with `LoadBalancerNotFound` when unknown. */
export const requireLoadBalancer = (context: Elbv2Context, region: string, arn: string | undefined): LoadBalancerRecord =>
  requireArns(context, context.tables.loadBalancers, region, [requireMember(arn, 'loadBalancerArn')], loadBalancerNotFound)[0] as LoadBalancerRecord;

/** The target group a call names by ARN, refused with `TargetGroupNotFound` when unknown. */
export const requireTargetGroup = (context: Elbv2Context, region: string, arn: string | undefined): TargetGroupRecord =>
  requireArns(context, context.tables.targetGroups, region, [requireMember(arn, 'targetGroupArn')], targetGroupNotFound)[0] as TargetGroupRecord;

/** Records named in a Describe call, in the order asked; ELBv2 names every unknown name in its refusal. */
export function requireNamed<T extends { name: string }>(records: readonly T[], names: readonly string[], missing: (names: string[]) => ServiceError): T[] {
  const unknown = names.filter((name) => !records.some((record) => record.name === name));
  if (unknown.length > 0) throw missing(unknown);
  return names.map((name) => records.find((record) => record.name === name) as T);
}
