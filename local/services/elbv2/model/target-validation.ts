import ipaddr from 'ipaddr.js';
import { ipInCidr, parseCidr } from '../../../cloud/cidr';
import type { InstanceRecord } from '../../ec2/model/ec2-records';
import type { Elbv2Context } from './elbv2-context';
import { invalidTarget, requireRange, validationError } from './elbv2-errors';
import type { TargetGroupRecord } from './elbv2-records';
import type { TargetKey } from './targets';

const quoted = (ids: readonly string[]): string => ids.map((id) => `'${id}'`).join(', ');

/** The first check of a list of targets that fails, naming every target it fails for. */
function refuseAny(ids: readonly string[], failing: (id: string) => boolean, error: (failed: string) => Error): void {
  const failed = ids.filter(failing);
  if (failed.length > 0) throw error(quoted(failed));
}

function validateInstances(context: Elbv2Context, group: TargetGroupRecord, ids: readonly string[], registering: boolean): void {
  for (const id of ids) if (!/^i-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id)) throw validationError(`Instance ID '${id}' is not valid`);
  const instance = (id: string): InstanceRecord | undefined => context.ec2.tables.instances.get(id);
  // A registered target can always be deregistered, even once EC2 has forgotten its instance.
  const known = (id: string): boolean => instance(id) !== undefined || (!registering && group.targets.some((target) => target.id === id));
  refuseAny(ids, (id) => !known(id), (failed) => invalidTarget(`The following instances do not exist: ${failed}`));
  if (!registering) return;
  refuseAny(ids, (id) => instance(id)?.vpcId !== group.vpcId, (failed) => invalidTarget(`The following targets are not in the target group VPC '${group.vpcId}': ${failed}`));
  refuseAny(ids, (id) => instance(id)?.state !== 'running', (failed) => invalidTarget(`The following targets are not in a running state and cannot be registered: ${failed}`));
}

function validateAddresses(context: Elbv2Context, group: TargetGroupRecord, ids: readonly string[], registering: boolean): void {
  for (const id of ids) if (!ipaddr.IPv4.isValidFourPartDecimal(id)) throw validationError(`The IP address '${id}' is not a valid IPv4 address`);
  if (!registering) return;
  const vpc = context.ec2.tables.vpcs.get(group.vpcId);
  const vpcCidr = vpc && parseCidr(vpc.cidrBlock);
  refuseAny(ids, (id) => !vpcCidr || !ipInCidr(id, vpcCidr), (failed) => invalidTarget(`The following targets are not in the target group VPC '${group.vpcId}': ${failed}`));
}

/**
 * Refuses targets ELBv2 would refuse: malformed ids and ports, instances EC2
 * does not know; and when registering, instances in another VPC or not
 * `running`, and IP addresses outside the group's VPC.
 */
export function validateTargets(context: Elbv2Context, group: TargetGroupRecord, targets: readonly TargetKey[], options: { registering: boolean }): void {
  for (const target of targets) requireRange('targets.member.port', target.port, 1, 65535);
  const ids = [...new Set(targets.map((target) => target.id))];
  if (group.targetType === 'instance') validateInstances(context, group, ids, options.registering);
  else validateAddresses(context, group, ids, options.registering);
}
