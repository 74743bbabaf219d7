import { ELB_DEPENDENT_EC2_ACTIONS } from '../../functions/commons/dependent-actions';
import { isKind } from '../../functions/commons/is-kind';
import type { ServiceError } from '../protocol/service-error';
import type { RoleSessionCredentials } from '../cloud/instance-services';
import { accessDenied } from './access-denied';
import { performance } from 'node:perf_hooks';
import { ANY_RESOURCE, type AuthorizationResolver, type AuthorizationScope } from './authorization-request';
import { IamAuthorizer } from './iam-authorizer';
import type { Identities, Principal } from './principal';
import { ServiceAuthorization, UnmodelledAuthorization } from './service-authorization';

/** Who the local cloud knows besides administrators, and what IAM knows outside the services' models. */
export interface IamSettings extends Identities {
  readonly roleOfInstanceProfile: (profileArn: string) => string | undefined;
  /** The credentials an instance's metadata service hands out for its profile (a session IAM then knows); undefined for a profile IAM has no role for. */
  instanceSessionCredentials(profileArn: string, instanceId: string): RoleSessionCredentials | undefined;
}

/**
 * "No permissions are required to perform this operation. If an
 * administrator attaches a policy to your identity that explicitly denies
 * access to the sts:GetCallerIdentity action, you can still perform this
 * operation." (STS API Reference, GetCallerIdentity.)
 */
const NO_PERMISSION_NEEDED = new Set(['sts:GetCallerIdentity']);

/** What the services' resolvers check besides the calls themselves. */
const CHECKED_WITH = ['iam:PassRole', 'iam:CreateServiceLinkedRole', ...Object.values(ELB_DEPENDENT_EC2_ACTIONS).flat()];

/** What enforcing IAM has cost the cloud so far: the benchmark weighs it against the runs' time. */
export interface IamUsage {
  /** Calls authorized (allowed or refused), administrators' not counted. */
  readonly calls: number;
  readonly refused: number;
  /** Time spent deciding, in milliseconds of this process. */
  readonly milliseconds: number;
  /** Reading the Service Authorization Reference before the cloud served, in milliseconds. */
  readonly loadMilliseconds: number;
}

/** The access key of a SigV4 `Authorization` header. */
const ACCESS_KEY = /Credential=([^/,\s]+)\//;

/**
 * IAM in the local cloud: the caller is found by the access key the request
 * is signed with (the SigV4 signature itself is not checked); a caller the
 * identities do not know has full access, as an administrator does. Every
 * other call is authorized as AWS would before it runs, and refused in its
 * service's own error form.
 */
export class LocalIam {
  private spent = { calls: 0, refused: 0, milliseconds: 0 };

  private constructor(
    private readonly settings: IamSettings,
    private readonly sar: ServiceAuthorization,
    private readonly authorizer: IamAuthorizer,
    private readonly loadMilliseconds: number,
  ) {}

  /** Reads the Service Authorization Reference for `actions` (`service:Action`, those the cloud serves and those it checks with them). */
  static async load(settings: IamSettings, actions: readonly string[]): Promise<LocalIam> {
    const started = performance.now();
    const sar = await ServiceAuthorization.load([...actions, ...CHECKED_WITH]);
    return new LocalIam(settings, sar, new IamAuthorizer(sar), performance.now() - started);
  }

  usage(): IamUsage {
    return { ...this.spent, loadMilliseconds: this.loadMilliseconds };
  }

  principalOf(authorization: string | undefined): Principal | undefined {
    const key = ACCESS_KEY.exec(authorization ?? '')?.[1];
    return key === undefined ? undefined : this.settings.principalOf(key);
  }

  /**
   * Refuses (with the error to answer) the call when the principal may not
   * make it: the resolver's authorizations for calls with resource-level
   * permissions, `*` for those without; a call the local cloud cannot tell
   * how IAM authorizes is refused too, saying so, rather than let through.
   */
  refusal(principal: Principal, signingName: string, action: string, input: unknown, resolver: AuthorizationResolver | undefined, region: string): ServiceError | undefined {
    const started = performance.now();
    const refused = this.decide(principal, signingName, action, input, resolver, region);
    this.spent = { calls: this.spent.calls + 1, refused: this.spent.refused + (refused ? 1 : 0), milliseconds: this.spent.milliseconds + performance.now() - started };
    return refused;
  }

  private decide(principal: Principal, signingName: string, action: string, input: unknown, resolver: AuthorizationResolver | undefined, region: string): ServiceError | undefined {
    const qualified = `${signingName}:${action}`;
    const scope: AuthorizationScope = { partition: 'aws', region, accountId: principal.accountId, roleOfInstanceProfile: (profileArn) => this.settings.roleOfInstanceProfile(profileArn) };
    if (NO_PERMISSION_NEEDED.has(qualified)) return undefined;
    try {
      const requests = this.sar.isWildcardOnly(qualified) ? [{ action: qualified, resource: ANY_RESOURCE, context: {} }] : resolver?.(input, scope);
      if (!requests) throw new UnmodelledAuthorization(`the local cloud does not model how IAM authorizes ${qualified}`);
      const refused = this.authorizer.firstRefusal(principal, requests.map((request) => ({ ...request, context: { ...request.context, 'aws:RequestedRegion': region } })));
      return refused && accessDenied(signingName, refused);
    } catch (error) {
      if (isKind(error, UnmodelledAuthorization)) {
        return accessDenied(signingName, { principal, request: { action: qualified, resource: ANY_RESOURCE, context: {} } }, error.message);
      }
      throw error;
    }
  }
}
