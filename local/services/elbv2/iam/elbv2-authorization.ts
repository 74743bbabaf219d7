import { ELB_DEPENDENT_EC2_ACTIONS } from '../../../../functions/commons/dependent-actions';
import {
  ANY_RESOURCE,
  type AuthorizationRequest,
  type AuthorizationResolver,
  type AuthorizationScope,
  requestTagContext,
  resourceTagContext,
} from '../../../iam/authorization-request';
import type { Tags, WireTag } from '../../../cloud/tags';
import type { Elbv2Context } from '../model/elbv2-context';
import { resourceKindOf } from '../model/elbv2-names';
import { tableOf, tagsFromWire } from '../model/elbv2-tags';

const ELB = 'elasticloadbalancing';

/** The resource a call names by ARN, with its tags; nothing when it does not exist (the operation refuses it). */
const named = (context: Elbv2Context, action: string, arn: unknown, extra: Record<string, string | string[]> = {}): AuthorizationRequest[] => {
  if (typeof arn !== 'string') return [];
  const kind = resourceKindOf(arn);
  const record = kind && tableOf(context, kind).get(arn);
  return record ? [{ action: `${ELB}:${action}`, resource: arn, context: { ...resourceTagContext(record.tags), ...extra } }] : [];
};

/**
 * A create with `Tags`: the create with the request's tags, and
 * elasticloadbalancing:AddTags on what it creates with
 * elasticloadbalancing:CreateAction ("Tag your resources during creation",
 * Elastic Load Balancing User Guide, "API permissions").
 */
function created(action: string, resource: string, tags: Tags, on: AuthorizationRequest[] = [{ action: `${ELB}:${action}`, resource, context: requestTagContext(tags) }]): AuthorizationRequest[] {
  if (Object.keys(tags).length === 0) return on;
  return [...on, { action: `${ELB}:AddTags`, resource, context: { ...requestTagContext(tags), [`${ELB}:CreateAction`]: action } }];
}

/**
 * The EC2 reads ELB makes as the caller, which the caller must be allowed
 * ("Elastic Load Balancing API permissions", Elastic Load Balancing User
 * Guide); they are not in the SAR's dependent actions.
 */
const dependentReads = (action: keyof typeof ELB_DEPENDENT_EC2_ACTIONS): AuthorizationRequest[] =>
  ELB_DEPENDENT_EC2_ACTIONS[action].map((dependent) => ({ action: dependent, resource: ANY_RESOURCE, context: {} }));

const arnPrefix = (scope: AuthorizationScope): string => `arn:${scope.partition}:${ELB}:${scope.region}:${scope.accountId}`;

/** How IAM sees each ELBv2 call that has resource-level permissions: the resources it names by ARN, those it creates (ids not known yet: `…/*`), and what ELB checks with them. */
export function elbv2Authorization(context: Elbv2Context): Record<string, AuthorizationResolver> {
  return {
    CreateLoadBalancer: (input: { Name?: string; Type?: string; Tags?: WireTag[] }, scope) => [
      ...created('CreateLoadBalancer', `${arnPrefix(scope)}:loadbalancer/${{ application: 'app', gateway: 'gwy' }[input.Type ?? ''] ?? 'net'}/${input.Name ?? ''}/*`, tagsFromWire(input.Tags)),
      ...dependentReads('CreateLoadBalancer'),
      ...serviceLinkedRole(context, scope),
    ],
    CreateTargetGroup: (input: { Name?: string; Tags?: WireTag[] }, scope) => [
      ...created('CreateTargetGroup', `${arnPrefix(scope)}:targetgroup/${input.Name ?? ''}/*`, tagsFromWire(input.Tags)),
      ...dependentReads('CreateTargetGroup'),
    ],
    // A listener is authorized on its load balancer, with the tags requested for it; the listener itself only for AddTags.
    CreateListener: (input: { LoadBalancerArn?: string; Tags?: WireTag[] }) => {
      const tags = tagsFromWire(input.Tags);
      const on = named(context, 'CreateListener', input.LoadBalancerArn, requestTagContext(tags));
      if (on.length === 0) return [];
      return created('CreateListener', `${(input.LoadBalancerArn ?? '').replace(':loadbalancer/', ':listener/')}/*`, tags, on);
    },
    RegisterTargets: (input: { TargetGroupArn?: string }) => [...named(context, 'RegisterTargets', input.TargetGroupArn), ...dependentReads('RegisterTargets')],
    DeregisterTargets: (input: { TargetGroupArn?: string }) => named(context, 'DeregisterTargets', input.TargetGroupArn),
    DeleteLoadBalancer: (input: { LoadBalancerArn?: string }) => named(context, 'DeleteLoadBalancer', input.LoadBalancerArn),
    DeleteTargetGroup: (input: { TargetGroupArn?: string }) => named(context, 'DeleteTargetGroup', input.TargetGroupArn),
    DeleteListener: (input: { ListenerArn?: string }) => named(context, 'DeleteListener', input.ListenerArn),
    AddTags: (input: { ResourceArns?: string[]; Tags?: WireTag[] }) => (input.ResourceArns ?? []).flatMap((arn) => named(context, 'AddTags', arn, requestTagContext(tagsFromWire(input.Tags)))),
  };
}

/**
 * The account's first load balancer creates Elastic Load Balancing's
 * service-linked role, as the caller ("Service-linked role for Elastic Load
 * Balancing"). The role is taken to exist while the account has any load
 * balancer; after the last is deleted it is asked for again, which AWS
 * (where the role stays) would not: stricter, never looser.
 */
function serviceLinkedRole(context: Elbv2Context, scope: AuthorizationScope): AuthorizationRequest[] {
  if (context.tables.loadBalancers.all().length > 0) return [];
  return [
    {
      action: 'iam:CreateServiceLinkedRole',
      resource: `arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
      context: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' },
    },
  ];
}
