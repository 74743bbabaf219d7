import type {
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import { tagsFromSpecifications } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { SecurityGroupRecord } from '../model/ec2-records';
import { authorizeIngress, revokeIngress } from '../model/security-group-rules';
import { groupByName, groupIdsByName, requireDefaultVpc } from '../model/default-vpc';
import { createNamedSecurityGroup, deleteSecurityGroup, securityGroupNotFound } from '../model/security-groups';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { INGRESS_PERMISSIONS, permissionsOf, requireWellFormedGroupIds, rulesFromPermissions, toRevokedRule, toSecurityGroupRule } from './security-group-permissions';
import { tagSet } from './tag-set';
import { vpcNotFound } from './vpc-api';

const securityGroupArn = (group: SecurityGroupRecord): string => `arn:aws:ec2:${group.region}:${group.ownerId}:security-group/${group.id}`;

const toSecurityGroup = (group: SecurityGroupRecord): SecurityGroup => ({
  GroupId: group.id,
  GroupName: group.groupName,
  Description: group.description,
  VpcId: group.vpcId,
  OwnerId: group.ownerId,
  SecurityGroupArn: securityGroupArn(group),
  IpPermissions: permissionsOf(group, group.ingress),
  IpPermissionsEgress: permissionsOf(group, group.egress),
  Tags: tagSet(group.tags),
});

/** Every value a rule field takes across a group's ingress rules, for the `ip-permission.*` filters. */
const ingressValues = (group: SecurityGroupRecord, read: (rule: SecurityGroupRecord['ingress'][number]) => string | number | undefined) =>
  group.ingress.map((rule) => {
    const value = read(rule);
    return value === undefined ? undefined : String(value);
  });

export function securityGroupOperations(context: Ec2Context): Record<string, Operation> {
  const requireGroup = (input: { GroupId?: string; GroupName?: string }, request: RequestContext): SecurityGroupRecord => {
    if (!input.GroupId && input.GroupName) return groupByName(context, request.region, input.GroupName);
    if (input.GroupId) requireWellFormedGroupIds([input.GroupId]);
    return requireOne(context, context.tables.securityGroups, input.GroupId, 'GroupId', securityGroupNotFound);
  };
  return {
    CreateSecurityGroup: operation(
      { GroupName: true, Description: true, VpcId: true, TagSpecifications: TAG_SPECIFICATIONS, DryRun: true },
      (input: CreateSecurityGroupRequest, request: RequestContext): CreateSecurityGroupResult => {
        if (!input.GroupName) throw missingParameter('GroupName');
        if (!input.Description) throw missingParameter('GroupDescription');
        // "VpcId: The ID of the VPC. Required for a nondefault VPC." (EC2 API Reference, CreateSecurityGroup): without it, the default VPC's.
        const vpc = input.VpcId ? requireOne(context, context.tables.vpcs, input.VpcId, 'VpcId', vpcNotFound) : requireDefaultVpc(context, request.region);
        const tags = tagsFromSpecifications(input.TagSpecifications, 'security-group');
        const group = createNamedSecurityGroup(context, vpc, { groupName: input.GroupName, description: input.Description, tags });
        return { GroupId: group.id, SecurityGroupArn: securityGroupArn(group), Tags: tagSet(group.tags) };
      },
    ),

    DescribeSecurityGroups: operation(
      { GroupIds: true, GroupNames: true, ...DESCRIBE_PAGE },
      (input: DescribeSecurityGroupsRequest, request: RequestContext): DescribeSecurityGroupsResult => {
        requireWellFormedGroupIds(input.GroupIds);
        // "GroupNames: [Default VPC] The names of the security groups." (EC2 API Reference, DescribeSecurityGroups)
        const named = groupIdsByName(context, request.region, input.GroupNames ?? []);
        const page = describeRecords(context, input, {
          table: context.tables.securityGroups,
          ids: [...new Set([...(input.GroupIds ?? []), ...named])],
          missing: securityGroupNotFound,
          listing: 'DescribeSecurityGroups',
          fields: {
            'group-id': (group) => group.id,
            'group-name': (group) => group.groupName,
            'description': (group) => group.description,
            'vpc-id': (group) => group.vpcId,
            'owner-id': (group) => group.ownerId,
            'ip-permission.protocol': (group) => ingressValues(group, (rule) => rule.ipProtocol),
            'ip-permission.from-port': (group) => ingressValues(group, (rule) => rule.fromPort),
            'ip-permission.to-port': (group) => ingressValues(group, (rule) => rule.toPort),
            'ip-permission.cidr': (group) => ingressValues(group, (rule) => rule.cidrIpv4),
            'ip-permission.group-id': (group) => ingressValues(group, (rule) => rule.referencedGroupId),
            'ip-permission.prefix-list-id': (group) => ingressValues(group, (rule) => rule.prefixListId),
          },
        });
        return { SecurityGroups: page.items.map(toSecurityGroup), NextToken: page.nextToken };
      },
    ),

    DeleteSecurityGroup: operation(
      { GroupId: true, GroupName: true, DryRun: true },
      (input: DeleteSecurityGroupRequest, request: RequestContext): Record<string, never> => {
        deleteSecurityGroup(context, requireGroup(input, request));
        return {};
      },
    ),

    AuthorizeSecurityGroupIngress: operation(
      { GroupId: true, GroupName: true, IpPermissions: INGRESS_PERMISSIONS, TagSpecifications: TAG_SPECIFICATIONS, DryRun: true },
      (input: AuthorizeSecurityGroupIngressRequest, request: RequestContext): AuthorizeSecurityGroupIngressResult => {
        const group = requireGroup(input, request);
        const groupIdOfName = (name: string) => groupByName(context, request.region, name).id;
        // "The tags applied to the security group rule." (EC2 API Reference, AuthorizeSecurityGroupIngress, TagSpecifications)
        const added = authorizeIngress(context, group, rulesFromPermissions(input.IpPermissions, groupIdOfName), tagsFromSpecifications(input.TagSpecifications, 'security-group-rule'));
        return { Return: true, SecurityGroupRules: added.map((rule) => toSecurityGroupRule(group, rule, false)) };
      },
    ),

    RevokeSecurityGroupIngress: operation(
      { GroupId: true, GroupName: true, IpPermissions: INGRESS_PERMISSIONS, DryRun: true },
      (input: RevokeSecurityGroupIngressRequest, request: RequestContext): RevokeSecurityGroupIngressResult => {
        const group = requireGroup(input, request);
        const revoked = revokeIngress(context, group, rulesFromPermissions(input.IpPermissions, (name) => groupByName(context, request.region, name).id));
        return { Return: true, RevokedSecurityGroupRules: revoked.map((rule) => toRevokedRule(group, rule, false)) };
      },
    ),
  };
}
