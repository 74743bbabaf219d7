import type { InitializeHandler, InitializeHandlerArguments, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { type AwsClients, observeAwsClients } from '../../../functions/commons/aws-clients';
import { awsErrorCode } from '../../../functions/commons/aws-error-code';
import type { FaultRule, Faults } from '../../../local/cloud/faults';
import { isReadOnlyAction } from '../../../local/protocol/service-provider';
import { callerContext } from './caller-context';

/** One AWS call a lab function made, as its client saw it. */
export interface TracedCall {
  /** The Task state (or function) that made it; undefined for calls from outside the lab's functions. */
  readonly caller?: string;
  readonly service: string;
  readonly action: string;
  readonly mutating: boolean;
  /** The AWS error code it ended with, after the SDK's own retries; undefined when it succeeded. */
  readonly errorCode?: string;
}

/** One place to fail: the `occurrence`-th (0-based) call of `action` made by the Task state `state`. */
export interface InjectionPoint {
  readonly state: string;
  readonly service: string;
  readonly action: string;
  readonly occurrence: number;
}

/** The services' names as the local cloud's faults know them, by the lab's client names. */
const SIGNING_NAMES: Readonly<Record<keyof AwsClients, string>> = {
  ec2: 'ec2',
  elbv2: 'elasticloadbalancing',
  ssm: 'ssm',
  quotas: 'servicequotas',
  sfn: 'states',
  sts: 'sts',
};

/** What each service answers a caller its IAM policy does not allow: a failure no retry can absorb. */
const ACCESS_DENIED: Readonly<Record<string, { code: string; status: number }>> = {
  ec2: { code: 'UnauthorizedOperation', status: 403 },
  elasticloadbalancing: { code: 'AccessDenied', status: 403 },
  sts: { code: 'AccessDenied', status: 403 },
  ssm: { code: 'AccessDeniedException', status: 400 },
  servicequotas: { code: 'AccessDeniedException', status: 400 },
  states: { code: 'AccessDeniedException', status: 400 },
};

/** The refusal injected at a point, with a message naming the point so the run's cause can be traced back to it. */
export function accessDenied(point: InjectionPoint): FaultRule {
  const { code, status } = ACCESS_DENIED[point.service] ?? { code: 'AccessDenied', status: 403 };
  const message = `You are not authorized to perform this operation (injected into ${point.action} #${point.occurrence + 1} of ${point.state})`;
  return { service: point.service, action: point.action, code, status, message, times: 1 };
}

const CLIENT_MIDDLEWARE = 'vpceLabCallTracer';

/** The part of a client's middleware stack the tracer uses. */
interface ClientStack {
  add(middleware: InitializeMiddleware<object, MetadataBearer>, options: object): void;
  remove(name: string): boolean;
}

/** Codes compared as `awsErrorCode` gives them, without an `Exception` suffix (the injected SSM code has one). */
const sameCode = (seen: string | undefined, injected: string | undefined): boolean => seen !== undefined && seen.replace(/Exception$/, '') === injected?.replace(/Exception$/, '');

/**
 * Watches every call the lab's functions make through their shared clients,
 * and attributes it to the Task state running it. When an injection point is
 * set, the call at that point alone is failed by the local cloud: the rule
 * is armed just before that call is sent, and no other call of the same
 * action is on the wire meanwhile (they wait), so no other caller can take
 * the failure, however the workflow's branches interleave.
 */
export class CallTracer {
  private recorded: TracedCall[] = [];
  private readonly counts = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private waiting: (() => void)[] = [];
  private target: { readonly point: InjectionPoint; readonly fault: FaultRule } | undefined;
  private held: string | undefined;
  /** How many times the call at the injection point was made and failed as injected. */
  hits = 0;

  constructor(private readonly faults: Faults) {}

  get calls(): readonly TracedCall[] {
    return this.recorded;
  }

  /**
   * Adds the tracing middleware to every client the lab's code builds (see
   * `observeAwsClients`): those built already and those built later. Returns
   * what takes it off all of them again.
   */
  attach(): () => void {
    const stacks: ClientStack[] = [];
    const stopObserving = observeAwsClients((clients) => {
      for (const name of Object.keys(SIGNING_NAMES) as (keyof AwsClients)[]) {
        const stack = clients[name].middlewareStack as ClientStack;
        stack.add(this.middleware(SIGNING_NAMES[name]), { step: 'initialize', name: CLIENT_MIDDLEWARE, override: true });
        stacks.push(stack);
      }
    });
    return () => {
      stopObserving();
      for (const stack of stacks) stack.remove(CLIENT_MIDDLEWARE);
    };
  }

  /** Fail the call at `point` with `fault` (once), from the next run on; counts start again. */
  injectAt(point: InjectionPoint, fault: FaultRule = accessDenied(point)): void {
    this.reset();
    this.target = { point, fault };
  }

  /** Forgets the calls seen and any injection point. */
  reset(): void {
    this.recorded = [];
    this.counts.clear();
    this.target = undefined;
    this.hits = 0;
  }

  private middleware(service: string): InitializeMiddleware<object, MetadataBearer> {
    return (next: InitializeHandler<object, MetadataBearer>, context) => async (args: InitializeHandlerArguments<object>) => {
      const action = (context.commandName ?? '').replace(/Command$/, '');
      const caller = callerContext.getStore()?.name;
      const key = `${service}:${action}`;
      const occurrence = this.count(`${caller}/${key}`);
      const point = this.target?.point;
      const isTarget = point !== undefined && point.state === caller && point.service === service && point.action === action && point.occurrence === occurrence;
      const call = { caller, service, action, mutating: !isReadOnlyAction(action) };
      try {
        const output = await this.send(key, isTarget, () => next(args));
        this.recorded.push(call);
        return output;
      } catch (error) {
        const errorCode = awsErrorCode(error);
        if (isTarget && sameCode(errorCode, this.target?.fault.code)) this.hits++;
        this.recorded.push({ ...call, errorCode });
        throw error;
      }
    };
  }

  private count(key: string): number {
    const seen = this.counts.get(key) ?? 0;
    this.counts.set(key, seen + 1);
    return seen;
  }

  private async send<T>(key: string, isTarget: boolean, call: () => Promise<T>): Promise<T> {
    while (this.held === key || (isTarget && (this.inFlight.get(key) ?? 0) > 0)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (isTarget && this.target) {
      this.held = key;
      this.faults.add(this.target.fault);
    }
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    try {
      return await call();
    } finally {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      if (isTarget) this.held = undefined;
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    }
  }
}
