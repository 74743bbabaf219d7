/**
 * EC2 speaks of rules two ways: `IpPermissions` (a protocol and port range
 * with any number of peers) and `SecurityGroupRules` (one peer each). The
 * model keeps single rules; this file converts between the two.
 */
import type { IpPermission, RevokedSecurityGroupRule, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { tagList } from '../../../cloud/tags';
import type { InputModel } from '../../../protocol/modelled-input';
import { missingParameter } from '../../../protocol/service-error';
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from '../model/ec2-records';
import type { RuleRequest } from '../model/security-group-rules';
import { requireWellFormedIds } from './resource-ids';

/** Refuses, as EC2 does, a group id that cannot be one (`InvalidGroupId.Malformed`). */
export const requireWellFormedGroupIds = (ids: readonly string[] | undefined): void => requireWellFormedIds(ids, 'sg', 'InvalidGroupId.Malformed');

/** What `rulesFromPermissions` reads of a permission: IPv4 ranges, this account's groups, prefix lists (the local cloud has no IPv6, nor peered VPCs). */
export const INGRESS_PERMISSIONS: InputModel<IpPermission> = {
  IpProtocol: true,
  FromPort: true,
  ToPort: true,
  IpRanges: { CidrIp: true, Description: true },
  UserIdGroupPairs: { GroupId: true, GroupName: true, Description: true },
  PrefixListIds: { PrefixListId: true, Description: true },
};

/** One rule per peer of each permission, as the caller asked for them; a peer group named by name is found by `groupIdOfName` (the default VPC's). */
export function rulesFromPermissions(permissions: readonly IpPermission[] | undefined, groupIdOfName: (groupName: string) => string): RuleRequest[] {
  if (!permissions || permissions.length === 0) throw missingParameter('IpPermissions');
  return permissions.flatMap((permission) => {
    if (!permission.IpProtocol) throw missingParameter('IpPermissions.IpProtocol');
    const base = { ipProtocol: permission.IpProtocol, fromPort: permission.FromPort, toPort: permission.ToPort };
    const rules: RuleRequest[] = [
      ...(permission.IpRanges ?? []).map((range) => {
        if (!range.CidrIp) throw missingParameter('IpRanges.CidrIp');
        return { ...base, cidrIpv4: range.CidrIp, description: range.Description };
      }),
      ...(permission.UserIdGroupPairs ?? []).map((pair) => {
        if (!pair.GroupId && !pair.GroupName) throw missingParameter('UserIdGroupPairs.GroupId');
        if (pair.GroupId) requireWellFormedGroupIds([pair.GroupId]);
        return { ...base, referencedGroupId: pair.GroupId ?? groupIdOfName(pair.GroupName as string), description: pair.Description };
      }),
      ...(permission.PrefixListIds ?? []).map((prefixList) => {
        if (!prefixList.PrefixListId) throw missingParameter('PrefixListIds.PrefixListId');
        return { ...base, prefixListId: prefixList.PrefixListId, description: prefixList.Description };
      }),
    ];
    if (rules.length === 0) throw missingParameter('IpRanges, UserIdGroupPairs or PrefixListIds');
    return rules;
  });
}

/** Rules grouped back into permissions, one per protocol and port range, in the order they were first added. */
export function permissionsOf(group: SecurityGroupRecord, rules: readonly SecurityGroupRuleRecord[]): IpPermission[] {
  const permissions = new Map<string, Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>> & IpPermission>();
  for (const rule of rules) {
    const key = `${rule.ipProtocol}|${rule.fromPort ?? ''}|${rule.toPort ?? ''}`;
    let permission = permissions.get(key);
    if (!permission) {
      permission = { IpProtocol: rule.ipProtocol, FromPort: rule.fromPort, ToPort: rule.toPort, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      permissions.set(key, permission);
    }
    if (rule.cidrIpv4) permission.IpRanges.push({ CidrIp: rule.cidrIpv4, Description: rule.description });
    if (rule.referencedGroupId) permission.UserIdGroupPairs.push({ GroupId: rule.referencedGroupId, UserId: group.ownerId, Description: rule.description });
    if (rule.prefixListId) permission.PrefixListIds.push({ PrefixListId: rule.prefixListId, Description: rule.description });
  }
  return [...permissions.values()];
}

/** The fields a rule shows wherever EC2 lists rules one by one; ports read -1 where the protocol has none. */
const ruleFields = (group: SecurityGroupRecord, rule: SecurityGroupRuleRecord, isEgress: boolean) => ({
  SecurityGroupRuleId: rule.ruleId,
  GroupId: group.id,
  IsEgress: isEgress,
  IpProtocol: rule.ipProtocol,
  FromPort: rule.fromPort ?? -1,
  ToPort: rule.toPort ?? -1,
  CidrIpv4: rule.cidrIpv4,
  PrefixListId: rule.prefixListId,
  Description: rule.description,
});

/** A rule as AuthorizeSecurityGroupIngress returns it. */
export const toSecurityGroupRule = (group: SecurityGroupRecord, rule: SecurityGroupRuleRecord, isEgress: boolean): SecurityGroupRule => ({
  ...ruleFields(group, rule, isEgress),
  SecurityGroupRuleArn: `arn:aws:ec2:${group.region}:${group.ownerId}:security-group-rule/${rule.ruleId}`,
  GroupOwnerId: group.ownerId,
  ReferencedGroupInfo: rule.referencedGroupId ? { GroupId: rule.referencedGroupId, UserId: group.ownerId } : undefined,
  Tags: tagList(rule.tags),
});

/** A rule as RevokeSecurityGroupIngress reports it gone. */
export const toRevokedRule = (group: SecurityGroupRecord, rule: SecurityGroupRuleRecord, isEgress: boolean): RevokedSecurityGroupRule => ({
  ...ruleFields(group, rule, isEgress),
  ReferencedGroupId: rule.referencedGroupId,
});
