import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { SecurityGroupRecord, SecurityGroupRuleRecord, VpcRecord } from './ec2-records';
import { dependencyViolation } from './ec2-errors';

const allTrafficTo = (target: Omit<SecurityGroupRuleRecord, 'ruleId' | 'ipProtocol'>): SecurityGroupRuleRecord => ({
  ruleId: newId('sgr'),
  ipProtocol: '-1',
  ...target,
});

/**
 * A security group of `vpc`. Like EC2, every group may send anything
 * anywhere; the VPC's default group also admits everything from its own members.
 */
export function createSecurityGroup(
  context: Ec2Context,
  vpc: VpcRecord,
  options: { groupName: string; description: string; isDefault: boolean; tags?: Tags },
): SecurityGroupRecord {
  const id = newId('sg');
  const record: SecurityGroupRecord = {
    ...recordBase(context, id, vpc.region, options.tags ?? {}),
    vpcId: vpc.id,
    groupName: options.groupName,
    description: options.description,
    isDefault: options.isDefault,
    ingress: options.isDefault ? [allTrafficTo({ referencedGroupId: id })] : [],
    egress: [allTrafficTo({ cidrIpv4: '0.0.0.0/0' })],
  };
  return context.tables.securityGroups.put(record);
}

/** EC2 names a missing group without the word "ID", unlike most resources. */
export const securityGroupNotFound = (id: string): ServiceError => new ServiceError('InvalidGroup.NotFound', `The security group '${id}' does not exist`);

/** Groups can be named by name only in a default VPC: EC2's answer in a region without one (`default-vpc.ts`, `groupByName`). */
export const groupNameWithoutDefaultVpc = (): ServiceError =>
  new ServiceError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');

/** CreateSecurityGroup: a group the caller names, unique by name within its VPC. */
export function createNamedSecurityGroup(context: Ec2Context, vpc: VpcRecord, options: { groupName: string; description: string; tags: Tags }): SecurityGroupRecord {
  const { groupName } = options;
  if (groupName === 'default') throw invalidParameterValue('Cannot use reserved security group name: default');
  if (groupName.startsWith('sg-')) throw invalidParameterValue(`Value (${groupName}) for parameter GroupName is invalid. Group names may not be in the format sg-*.`);
  if (groupName.length > 255) throw invalidParameterValue(`Value (${groupName}) for parameter GroupName is invalid. Group names may be at most 255 characters.`);
  if (context.tables.securityGroups.all().some((group) => group.vpcId === vpc.id && group.groupName === groupName)) {
    throw new ServiceError('InvalidGroup.Duplicate', `The security group '${groupName}' already exists for VPC '${vpc.id}'`);
  }
  return createSecurityGroup(context, vpc, { ...options, isDefault: false });
}

const referencesGroup = (group: SecurityGroupRecord, groupId: string): boolean =>
  group.id !== groupId && [...group.ingress, ...group.egress].some((rule) => rule.referencedGroupId === groupId);

/**
 * Deletes a group nothing uses: no network interface (an instance's, an
 * endpoint's, one still being released) and no other group's rule. The VPC's
 * default group goes only with the VPC.
 */
export function deleteSecurityGroup(context: Ec2Context, group: SecurityGroupRecord): void {
  if (group.isDefault) throw new ServiceError('CannotDelete', `the specified group: "${group.id}" name: "default" cannot be deleted by a user`);
  const inUse =
    context.tables.networkInterfaces.all().some((eni) => eni.groupIds.includes(group.id)) ||
    context.tables.securityGroups.all().some((other) => referencesGroup(other, group.id));
  if (inUse) throw dependencyViolation(`resource ${group.id} has a dependent object`);
  context.tables.securityGroups.delete(group.id);
}
