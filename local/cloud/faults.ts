import { ServiceError } from '../protocol/service-error';

/** A failure to inject into matching calls. */
export interface FaultRule {
  /** Signing name of the service (`ec2`, `elasticloadbalancing`, `ssm`, …); any when omitted. */
  readonly service?: string;
  /** Action name, or a pattern over it; any when omitted. */
  readonly action?: string | RegExp;
  /** Error code answered; `RequestLimitExceeded`/`Throttling` for throttling. */
  readonly code: string;
  readonly message?: string;
  readonly status?: number;
  /** Share of matching calls that fail (0..1). Default 1. */
  readonly probability?: number;
  /** How many matching calls fail before the rule is spent. Default unlimited. */
  readonly times?: number;
  /** Skip this many matching calls before the first failure. Default 0. */
  readonly after?: number;
}

const THROTTLING: Record<string, { code: string; status: number }> = {
  ec2: { code: 'RequestLimitExceeded', status: 503 },
  ssm: { code: 'ThrottlingException', status: 400 },
  states: { code: 'ThrottlingException', status: 400 },
  servicequotas: { code: 'TooManyRequestsException', status: 400 },
  // ThrottlingException with the 429 the service model gives it (@aws-sdk/client-ec2-instance-connect, ThrottlingException$ httpError).
  'ec2-instance-connect': { code: 'ThrottlingException', status: 429 },
};

/** The error a service answers when it throttles a caller, in that service's own words. */
export function throttlingError(service: string): ServiceError {
  const { code, status } = THROTTLING[service] ?? { code: 'Throttling', status: 400 };
  return new ServiceError(code, 'Request limit exceeded.', status);
}

interface ActiveRule {
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

/**
 * Fault injection for tests and benchmarks: failing calls, throttling and
 * eventual consistency (a resource invisible to Describe for a while after
 * it is created), all set per test and off by default.
 */
export class Faults {
  private rules: ActiveRule[] = [];
  /** AWS-time seconds during which a new resource answers `…NotFound` to Describe by id. */
  consistencyDelaySeconds = 0;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  /** Throttles a share of one service's calls or, by default, of EC2's, ELBv2's, SSM's and Service Quotas', each in its own words (`throttlingError`). */
  throttle(probability: number, service?: string): void {
    for (const name of service ? [service] : ['ec2', 'elasticloadbalancing', 'ssm', 'servicequotas']) {
      const { code, status } = throttlingError(name);
      this.add({ service: name, code, status, probability });
    }
  }

  clear(): void {
    this.rules = [];
    this.consistencyDelaySeconds = 0;
  }

  /** The injected failure for this call, if any rule fires. */
  check(service: string, action: string): ServiceError | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.service !== undefined && rule.service !== service) continue;
      if (!matchesAction(rule.action, action)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      active.seen++;
      if (active.seen <= (rule.after ?? 0)) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      active.fired++;
      return new ServiceError(rule.code, rule.message ?? `Injected failure of ${action}`, rule.status ?? 400);
    }
    return undefined;
  }
}

function matchesAction(pattern: FaultRule['action'], action: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === action : pattern.test(action);
}
