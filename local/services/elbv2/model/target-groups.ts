import { ServiceError } from '../../../protocol/service-error';
import { type Elbv2Context, inRegion, recordBase } from './elbv2-context';
import { resourceInUse, validationError } from './elbv2-errors';
import { newArnSuffix, targetGroupArn } from './elbv2-names';
import type { TargetGroupRecord } from './elbv2-records';
import { listenersForwardingTo } from './target-group-usage';

export type HealthCheckSettings = Pick<
  TargetGroupRecord,
  | 'healthCheckEnabled'
  | 'healthCheckProtocol'
  | 'healthCheckPort'
  | 'healthCheckPath'
  | 'matcher'
  | 'healthCheckIntervalSeconds'
  | 'healthCheckTimeoutSeconds'
  | 'healthyThresholdCount'
  | 'unhealthyThresholdCount'
>;

/** Everything that defines a target group, i.e. what CreateTargetGroup compares when the name is taken. */
export type TargetGroupSpec = Pick<TargetGroupRecord, 'name' | 'protocol' | 'port' | 'vpcId' | 'targetType' | 'tags'> & HealthCheckSettings;

const SETTINGS: readonly (keyof TargetGroupSpec)[] = [
  'protocol',
  'port',
  'vpcId',
  'targetType',
  'healthCheckEnabled',
  'healthCheckProtocol',
  'healthCheckPort',
  'healthCheckPath',
  'matcher',
  'healthCheckIntervalSeconds',
  'healthCheckTimeoutSeconds',
  'healthyThresholdCount',
  'unhealthyThresholdCount',
];

export const targetGroupNamed = (context: Elbv2Context, region: string, name: string): TargetGroupRecord | undefined =>
  inRegion(context.tables.targetGroups, region).find((group) => group.name === name);

/**
 * A target group in a VPC of this cloud. ELBv2's create is idempotent by
 * name: the same settings return the existing group, other settings are refused.
 */
export function createTargetGroup(context: Elbv2Context, region: string, spec: TargetGroupSpec): TargetGroupRecord {
  const existing = targetGroupNamed(context, region, spec.name);
  if (existing) {
    if (SETTINGS.every((setting) => existing[setting] === spec[setting])) return existing;
    throw new ServiceError('DuplicateTargetGroupName', `A target group with the same name '${spec.name}' exists, but with different settings`);
  }
  if (context.ec2.tables.vpcs.get(spec.vpcId)?.region !== region) throw validationError(`The VPC ID '${spec.vpcId}' is not found`);
  const group: TargetGroupRecord = {
    ...spec,
    ...recordBase(context, targetGroupArn(region, context.runtime.accountId, spec.name, newArnSuffix()), region, spec.tags),
    targets: [],
  };
  return context.tables.targetGroups.put(group);
}

/** Deletes a target group no listener forwards to. */
export function deleteTargetGroup(context: Elbv2Context, group: TargetGroupRecord): void {
  if (listenersForwardingTo(context, group.id).length > 0) throw resourceInUse(`Target group '${group.id}' is currently in use by a listener or a rule`);
  context.tables.targetGroups.delete(group.id);
}
