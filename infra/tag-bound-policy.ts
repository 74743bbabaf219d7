import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { TAG } from '../functions/commons/lab-tags';

/** EC2 resource types a lab step creates or changes (Service Authorization Reference names). */
export type Ec2Resource =
  | 'vpc'
  | 'subnet'
  | 'internet-gateway'
  | 'route-table'
  | 'security-group'
  | 'security-group-rule'
  | 'vpc-endpoint'
  | 'vpc-endpoint-service'
  | 'instance'
  | 'network-interface'
  | 'volume';

/** ELBv2 resource types, as their ARNs spell them: the lab's load balancer is a Network Load Balancer. */
export type Elbv2Resource = 'loadbalancer/net' | 'targetgroup' | 'listener/net';

/** The request carries the tag vpce-lab:managed=true: what every create must do (tags applied at creation). */
const REQUEST_TAGGED = { StringEquals: { [`aws:RequestTag/${TAG.managed}`]: 'true' } };
/** The resource already carries vpce-lab:managed=true: what every change and delete requires. */
const RESOURCE_TAGGED = { StringEquals: { [`aws:ResourceTag/${TAG.managed}`]: 'true' } };

export type Conditions = Record<string, Record<string, string | string[]>>;

/** Both condition blocks in one: every operator's keys from each, so all must hold. */
const bothOf = (first: Conditions, second: Conditions): Conditions =>
  Object.fromEntries([...new Set([...Object.keys(first), ...Object.keys(second)])].map((operator) => [operator, { ...first[operator], ...second[operator] }]));

/** Why a wildcard resource is there; the step's role acknowledges cdk-nag's IAM5 finding with it. */
export interface WildcardResource {
  readonly arn: string;
  readonly reason: string;
}

/**
 * The IAM statements of one lab step, bound to the run's tags: creates need
 * the request tag `vpce-lab:managed=true` (and may tag only as part of that
 * create), changes and deletes need the resource tag, read-only Describe
 * calls may name `*`. Statements with the same condition and resources are
 * merged, so a step's policy stays well under IAM's size limit.
 */
export class TagBoundPolicy {
  private readonly grouped = new Map<string, { actions: Set<string>; resources: string[]; conditions?: Conditions }>();
  private readonly ec2Creates = new Map<string, Ec2Resource[]>();
  private readonly elbCreates = new Map<string, Elbv2Resource>();
  /** By the resolved ARN: the same pattern built twice is two different token strings. */
  private readonly wildcards = new Map<string, WildcardResource>();

  constructor(readonly scope: IConstruct) {}

  /** Read-only calls that have no resource-level permissions at all. */
  read(...actions: string[]): this {
    return this.add(actions, [this.wildcard('*', 'read-only calls (Describe*, Get*) that IAM only grants on "*": they have no resource-level permissions')]);
  }

  /**
   * An EC2 create: allowed only with the run's tags in the request, on what it
   * creates and on the (tagged) resources it uses. `bound` adds conditions on
   * what it creates (the endpoint service an endpoint connects to).
   */
  ec2Create(action: string, creates: readonly Ec2Resource[], uses: readonly Ec2Resource[] = [], bound: Conditions = {}): this {
    this.ec2Creates.set(`ec2:${action}`, [...creates]);
    this.add([`ec2:${action}`], this.ec2Arns(creates), bothOf(REQUEST_TAGGED, bound));
    if (uses.length > 0) this.ec2Change([action], uses);
    return this;
  }

  /** EC2 changes and deletes, allowed only on resources that carry the run's tag. */
  ec2Change(actions: readonly string[], on: readonly Ec2Resource[]): this {
    return this.onTaggedEc2(actions.map((action) => `ec2:${action}`), on);
  }

  /** Any service's actions on EC2 resources (SSM commands on instances), allowed only where the resource carries the run's tag. */
  onTaggedEc2(actions: readonly string[], on: readonly Ec2Resource[]): this {
    return this.add(actions, this.ec2Arns(on), RESOURCE_TAGGED);
  }

  /**
   * An ELBv2 create with `Tags`: allowed with the run's tags in the request.
   * A listener is authorized on its load balancer, which must carry the tag already.
   */
  elbCreate(action: string, creates: Elbv2Resource): this {
    this.elbCreates.set(`elasticloadbalancing:${action}`, creates);
    if (creates === 'listener/net') {
      return this.add([`elasticloadbalancing:${action}`], this.elbArns(['loadbalancer/net']), bothOf(REQUEST_TAGGED, RESOURCE_TAGGED));
    }
    return this.add([`elasticloadbalancing:${action}`], this.elbArns([creates]), REQUEST_TAGGED);
  }

  /** ELBv2 changes and deletes, allowed only on resources that carry the run's tag. */
  elbChange(actions: readonly string[], on: readonly Elbv2Resource[]): this {
    return this.add(
      actions.map((action) => `elasticloadbalancing:${action}`),
      this.elbArns(on),
      RESOURCE_TAGGED,
    );
  }

  /** Anything else, with the reason for each wildcard resource it names. */
  allow(actions: readonly string[], resources: readonly WildcardResource[] | readonly string[], conditions?: Conditions): this {
    return this.add(
      actions,
      resources.map((resource) => (typeof resource === 'string' ? resource : this.wildcard(resource.arn, resource.reason))),
      conditions,
    );
  }

  /** The statements, with ec2:CreateTags and elasticloadbalancing:AddTags allowed only as part of this step's creates. */
  statements(): PolicyStatement[] {
    return [...this.grouped.values(), ...this.taggingOnCreate()].map(
      ({ actions, resources, conditions }) => new PolicyStatement({ actions: [...actions].sort(), resources, conditions }),
    );
  }

  /** Every wildcard resource the statements name, with why it cannot be narrower. */
  wildcardResources(): WildcardResource[] {
    return [...this.wildcards.values()];
  }

  private *taggingOnCreate() {
    if (this.ec2Creates.size > 0) {
      const created = [...new Set([...this.ec2Creates.values()].flat())];
      yield {
        actions: new Set(['ec2:CreateTags']),
        resources: this.ec2Arns(created),
        conditions: { StringEquals: { 'ec2:CreateAction': [...this.ec2Creates.keys()].map((action) => action.replace('ec2:', '')), ...REQUEST_TAGGED.StringEquals } },
      };
    }
    if (this.elbCreates.size > 0) {
      yield {
        actions: new Set(['elasticloadbalancing:AddTags']),
        resources: this.elbArns([...new Set(this.elbCreates.values())]),
        conditions: {
          StringEquals: { 'elasticloadbalancing:CreateAction': [...this.elbCreates.keys()].map((action) => action.replace('elasticloadbalancing:', '')), ...REQUEST_TAGGED.StringEquals },
        },
      };
    }
  }

  private add(actions: readonly string[], resources: string[], conditions?: Conditions): this {
    const key = JSON.stringify([Stack.of(this.scope).resolve(resources), conditions ?? null]);
    const group = this.grouped.get(key) ?? { actions: new Set<string>(), resources, conditions };
    for (const action of actions) group.actions.add(action);
    this.grouped.set(key, group);
    return this;
  }

  private ec2Arns(types: readonly Ec2Resource[]): string[] {
    return types.map((type) => this.tagBound(this.arn('ec2', type, '*')));
  }

  private elbArns(types: readonly Elbv2Resource[]): string[] {
    return types.map((type) => {
      const [resource = type, kind] = type.split('/');
      return this.tagBound(this.arn('elasticloadbalancing', resource, kind === undefined ? '*' : `${kind}/*`));
    });
  }

  /** An ARN of this stack's partition and region, `<resource>/<resourceName>`; `account: ''` for AWS-owned resources. */
  arn(service: string, resource: string, resourceName: string, options: { account?: string; region?: string } = {}): string {
    return Stack.of(this.scope).formatArn({ service, resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME, ...options });
  }

  private tagBound(arn: string): string {
    return this.wildcard(arn, `ids that exist only once a run creates them; every statement naming them requires the tag ${TAG.managed}=true (aws:RequestTag to create, aws:ResourceTag to change or delete)`);
  }

  private wildcard(arn: string, reason: string): string {
    this.wildcards.set(JSON.stringify(Stack.of(this.scope).resolve(arn)), { arn, reason });
    return arn;
  }
}
