import {
  type AuthorizationRequest,
  type AuthorizationResolver,
  type AuthorizationScope,
  requestTagContext,
  resourceTagContext,
} from '../../../iam/authorization-request';
import { invalidParameterValue } from '../../../protocol/service-error';
import { findTaggable } from '../api/taggable-resources';
import { awsOfferingsNamed } from '../model/aws-endpoint-services';
import type { Ec2Context } from '../model/ec2-context';
import { tagsFromList, type Tags, type WireTag } from '../../../cloud/tags';
import { VPCE_SERVICE_NAME_KEY, VPCE_SERVICE_OWNER_KEY } from '../../../../functions/commons/endpoint-condition-keys';

interface TagSpecification {
  ResourceType?: string;
  Tags?: WireTag[];
}

type Ec2Input = Record<string, unknown> & { TagSpecifications?: TagSpecification[] };

/**
 * The resources each EC2 create makes, by their Service Authorization
 * Reference type: authorized as `<type>/*` with the tags the request gives
 * that type. A security group rule is a resource of its own only when the
 * request tags it.
 */
const CREATES: Readonly<Record<string, readonly string[]>> = {
  CreateVpc: ['vpc'],
  CreateSubnet: ['subnet'],
  CreateInternetGateway: ['internet-gateway'],
  CreateRouteTable: ['route-table'],
  CreateSecurityGroup: ['security-group'],
  CreateVpcEndpoint: ['vpc-endpoint'],
  CreateVpcEndpointServiceConfiguration: ['vpc-endpoint-service'],
  RunInstances: ['instance', 'network-interface', 'volume'],
};
const TAGGED_CREATES: Readonly<Record<string, readonly string[]>> = { AuthorizeSecurityGroupIngress: ['security-group-rule'] };

/** Input fields that name resources by id: `VpcId`, `SubnetIds`, `ServiceId`, `ImageId`..., and the `Resources` of CreateTags and DeleteTags. */
const NAMES_IDS = /(Ids?|^Resources)$/;

/**
 * How IAM sees an EC2 call: every resource it names (by id, wherever the
 * input holds it) with the resource's tags, every resource it creates with
 * the tags requested for it, and for tags given at creation, ec2:CreateTags
 * on each created resource with ec2:CreateAction ("Grant permission to tag
 * Amazon EC2 resources during creation",
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html).
 */
export function ec2Authorization(context: Ec2Context, actions: readonly string[]): Record<string, AuthorizationResolver> {
  return Object.fromEntries(actions.map((action) => [action, resolverOf(context, action)]));
}

function resolverOf(context: Ec2Context, action: string): AuthorizationResolver {
  return (input: Ec2Input, scope) => {
    const qualified = `ec2:${action}`;
    const created = [...(CREATES[action] ?? []), ...(TAGGED_CREATES[action] ?? []).filter((type) => specifiedTags(input, type) !== undefined)];
    const requests: AuthorizationRequest[] = [
      ...namedResources(context, qualified, input, scope),
      ...created.flatMap((type) => createdResource(context, action, input, scope, type)),
    ];
    if (action === 'RunInstances') requests.push(...passedRole(input, scope));
    if (action === 'CreateTags' || action === 'DeleteTags') return taggingRequests(requests, input);
    return requests;
  };
}

const arnOf = (scope: AuthorizationScope, type: string, id: string, account = scope.accountId): string => `arn:${scope.partition}:ec2:${scope.region}:${account}:${type}/${id}`;

function namedResources(context: Ec2Context, action: string, input: Ec2Input, scope: AuthorizationScope): AuthorizationRequest[] {
  return namedIds(input).flatMap((id): AuthorizationRequest[] => {
    // Every image here stands for an Amazon Linux AMI from AWS's public parameter: the model keeps no other kind.
    if (id.startsWith('ami-')) return [{ action, resource: arnOf(scope, 'image', id, ''), context: { 'ec2:Owner': 'amazon', 'ec2:Public': 'true' }, ifListed: true }];
    const notification = id.startsWith('vpce-nfn-') ? context.tables.connectionNotifications.get(id) : undefined;
    // A connection notification has no ARN of its own: IAM checks the endpoint service (or endpoint) it belongs to.
    const resourceId = notification ? (notification.serviceId ?? notification.vpcEndpointId ?? id) : id;
    const found = findTaggable(context, resourceId);
    if (!found) return [];
    return [{ action, resource: arnOf(scope, found.resourceType, found.record.id), context: resourceTagContext(found.record.tags), ifListed: true }];
  });
}

/** Every id the input names, in `…Id`/`…Ids` fields at any depth (a launch's network interface specifications included). */
function namedIds(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return NAMES_IDS.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => namedIds(item, key));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([child, item]) => (child === 'TagSpecifications' ? [] : namedIds(item, child)));
}

/** The tags a request gives one resource type, or undefined when it gives it none. */
function specifiedTags(input: Ec2Input, type: string): Tags | undefined {
  const specs = (input.TagSpecifications ?? []).filter((spec) => spec.ResourceType === type);
  return specs.length === 0 ? undefined : specs.reduce((tags: Tags, spec) => tagsFromList(spec.Tags, tags), {});
}

function createdResource(context: Ec2Context, action: string, input: Ec2Input, scope: AuthorizationScope, type: string): AuthorizationRequest[] {
  const tags = specifiedTags(input, type) ?? {};
  const resource = arnOf(scope, type, '*');
  const created: AuthorizationRequest = { action: `ec2:${action}`, resource, context: { ...requestTagContext(tags), ...endpointServiceContext(context, action, input, scope) } };
  if (Object.keys(tags).length === 0) return [created];
  return [created, { action: 'ec2:CreateTags', resource, context: { ...requestTagContext(tags), 'ec2:CreateAction': action } }];
}

/**
 * The endpoint service condition keys (its name and its owner) of the service an endpoint
 * connects to: `amazon` for AWS's own services, the owning account for an
 * endpoint service (PrivateLink Guide, "Identity-based policy examples").
 */
function endpointServiceContext(context: Ec2Context, action: string, input: Ec2Input, scope: AuthorizationScope): Record<string, string> {
  if (action !== 'CreateVpcEndpoint' || typeof input.ServiceName !== 'string') return {};
  const name = input.ServiceName;
  if (awsOfferingsNamed(scope.region, name).length > 0) return { [VPCE_SERVICE_NAME_KEY]: name, [VPCE_SERVICE_OWNER_KEY]: 'amazon' };
  const service = context.tables.endpointServices.all().find((candidate) => candidate.serviceName === name && candidate.region === scope.region);
  return service ? { [VPCE_SERVICE_NAME_KEY]: name, [VPCE_SERVICE_OWNER_KEY]: service.ownerId } : { [VPCE_SERVICE_NAME_KEY]: name };
}

/** iam:PassRole on the role of the instance profile a launch names, for EC2 ("Grant an IAM role to an instance", EC2 User Guide). */
function passedRole(input: Ec2Input, scope: AuthorizationScope): AuthorizationRequest[] {
  const profile = input.IamInstanceProfile as { Arn?: string; Name?: string } | undefined;
  if (!profile?.Arn && !profile?.Name) return [];
  const arn = profile.Arn ?? `arn:${scope.partition}:iam::${scope.accountId}:instance-profile/${profile.Name}`;
  const role = scope.roleOfInstanceProfile(arn);
  if (!role) throw invalidParameterValue(`Value (${profile.Arn ?? profile.Name}) for parameter iamInstanceProfile.${profile.Arn ? 'arn' : 'name'} is invalid. Invalid IAM Instance Profile ${profile.Arn ? 'arn' : 'name'}`);
  return [{ action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } }];
}

/** CreateTags and DeleteTags: on each resource named, with the tags the request sets or removes. */
function taggingRequests(named: readonly AuthorizationRequest[], input: Ec2Input): AuthorizationRequest[] {
  const tags = tagsFromList(input.Tags as WireTag[] | undefined);
  return named.map((request) => ({ ...request, context: { ...request.context, ...requestTagContext(tags) }, ifListed: false }));
}
