import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { AuthorizationRequest } from './authorization-request';
import type { NamedPolicy, Principal } from './principal';
import type { ServiceAuthorization } from './service-authorization';
import { statementsForAction } from './statements-for-action';

const MAX_DECISIONS = 50_000;

/** A request IAM refused, with who asked, for what and on which resource. */
export interface Refusal {
  readonly principal: Principal;
  readonly request: AuthorizationRequest;
}

/**
 * Evaluates a principal's identity policies on each authorization of a call,
 * the way IAM does (`@cloud-copilot/iam-simulate`, strict mode): allowed only
 * when a statement allows it and none denies it. The policies are the
 * principal's only ones: no SCPs, permission boundaries, session policies or
 * resource policies apply here.
 */
export class IamAuthorizer {
  /**
   * Decisions already made: evaluation is a pure function of the policies
   * and the request, and most calls of a run are the same polls again.
   */
  private readonly decided = new Map<string, boolean>();
  /** Each principal's statements that may apply to an action, by action. */
  private readonly applicable = new WeakMap<Principal, Map<string, NamedPolicy[]>>();

  constructor(private readonly sar: ServiceAuthorization) {}

  /** The first authorization refused, or undefined when every one is allowed. */
  firstRefusal(principal: Principal, requests: readonly AuthorizationRequest[]): Refusal | undefined {
    for (const request of requests) {
      const admitted = this.sar.admit(request);
      if (!admitted) continue;
      const key = JSON.stringify([principal.arn, admitted.action, admitted.resource, admitted.context]);
      const known = this.decided.get(key);
      if (known === true) continue;
      if (known === false) return { principal, request: admitted };
      // The inputs come from the resolvers and the rendered policies, not from callers: the unvalidated entry point is safe, and synchronous.
      const result = runUnsafeSimulation(
        {
          request: {
            principal: principal.arn,
            action: admitted.action,
            resource: { resource: admitted.resource, accountId: principal.accountId },
            contextVariables: { ...principal.context, ...(admitted.context as Record<string, string | string[]>) },
          },
          identityPolicies: this.policiesFor(principal, admitted.action),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (this.decided.size >= MAX_DECISIONS) this.decided.clear();
      this.decided.set(key, result === 'Allowed');
      if (result !== 'Allowed') return { principal, request: admitted };
    }
    return undefined;
  }

  private policiesFor(principal: Principal, action: string): NamedPolicy[] {
    let byAction = this.applicable.get(principal);
    if (!byAction) this.applicable.set(principal, (byAction = new Map()));
    let policies = byAction.get(action);
    if (!policies) byAction.set(action, (policies = statementsForAction(principal.policies, action)));
    return policies;
  }
}
