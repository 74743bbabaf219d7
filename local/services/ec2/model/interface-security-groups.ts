import { type Ec2Context, requireAll } from './ec2-context';
import type { SubnetRecord } from './ec2-records';
import { securityGroupNotFound } from './security-groups';
import { invalidParameter } from './ec2-errors';

/**
 * The security groups of a new interface in `subnet`: the ones asked for,
 * which must all belong to the subnet's VPC, or else the VPC's default group.
 */
export function securityGroupsForInterface(context: Ec2Context, subnet: SubnetRecord, groupIds: readonly string[] | undefined): string[] {
  if (!groupIds || groupIds.length === 0) {
    const vpc = context.tables.vpcs.get(subnet.vpcId);
    return vpc ? [vpc.defaultSecurityGroupId] : [];
  }
  const groups = requireAll(context, context.tables.securityGroups, [...new Set(groupIds)], securityGroupNotFound);
  const foreign = groups.find((group) => group.vpcId !== subnet.vpcId);
  if (foreign) throw invalidParameter(`Security group ${foreign.id} and subnet ${subnet.id} belong to different networks.`);
  return groups.map((group) => group.id);
}
