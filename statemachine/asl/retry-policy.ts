import { LAB_ERROR } from '../../functions/commons/lab-errors';
import type { Retrier } from './asl-types';

/**
 * The retry policy of every lab workflow, written once. A Task's retriers are
 * tried in order, first match wins ("Retrying after an error",
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html),
 * so a state lists its own wait first, then these two.
 */

/** The longest a throttled step waits between asks, unless its place in the queue says otherwise (statemachine/throttled-cadence.ts). */
export const THROTTLED_MAX_DELAY_SECONDS = 20;

/**
 * How long a throttled step keeps asking, as the sum of its longest waits:
 * 150 asks at 20 s, about 1,500 s under full jitter, far beyond the 1,153 s
 * that 350 CreateVpcEndpoint calls take at 0.3 per second. A step that asks
 * more often asks more times, for the same patience.
 */
const THROTTLED_PATIENCE_SECONDS = 150 * THROTTLED_MAX_DELAY_SECONDS;

/**
 * An AWS API's request bucket is empty. The codes are each service's own:
 * EC2's `RequestLimitExceeded` ("Request throttling for the Amazon EC2 API"),
 * ELBv2's `Throttling`, SSM's and STS's `ThrottlingException`. A step that
 * waits its turn behind 50 labs' endpoints keeps asking, its waits capped at
 * `maxDelaySeconds` so a run that has waited long asks as often as its
 * peers; full jitter spreads the runs that were refused together.
 */
export function throttled(alsoAs: readonly string[] = [], maxDelaySeconds = THROTTLED_MAX_DELAY_SECONDS): Retrier {
  return {
    ErrorEquals: ['RequestLimitExceeded', 'Throttling', 'ThrottlingException', ...alsoAs],
    IntervalSeconds: Math.min(5, maxDelaySeconds),
    BackoffRate: 2,
    MaxDelaySeconds: maxDelaySeconds,
    MaxAttempts: Math.ceil(THROTTLED_PATIENCE_SECONDS / maxDelaySeconds),
    JitterStrategy: 'FULL',
  };
}

/**
 * Lambda's own transient errors, as CDK's `LambdaInvoke` retries them
 * (aws-cdk-lib/aws-stepfunctions-tasks, `retryOnServiceExceptions`), with
 * `TooManyRequestsException` (the account's concurrency) and `TimeoutError`
 * (the SDK's own name for a connection that timed out or was reset inside
 * the handler, which rethrows it as it came).
 */
export const LAMBDA_TRANSIENT: Retrier = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'TimeoutError'],
  IntervalSeconds: 2,
  BackoffRate: 2,
  MaxAttempts: 4,
  JitterStrategy: 'FULL',
};

/**
 * `startExecution.sync:2` refused for the account's open executions, or its
 * SDK call failed ("Run a Job (.sync)" and the StartExecution API's errors).
 */
export const NESTED_EXECUTION_TRANSIENT: Retrier = {
  ErrorEquals: ['StepFunctions.ExecutionLimitExceeded', 'StepFunctions.SdkClientException'],
  IntervalSeconds: 5,
  BackoffRate: 2,
  MaxAttempts: 4,
};

/**
 * What a step just created is not listed yet: EC2's API is eventually
 * consistent, a resource may not show in a Describe right after its Create
 * ("Eventual consistency in the Amazon EC2 API",
 * https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 * A few quick tries, about a minute in all.
 */
export const SETTLING: Retrier = { ErrorEquals: [LAB_ERROR.NotReady], IntervalSeconds: 2, BackoffRate: 1.5, MaxAttempts: 12, MaxDelaySeconds: 10 };

export interface PollingOptions {
  /** What the step throws while AWS is not done; `NotReady` unless told. */
  readonly errors?: readonly string[];
  readonly backoffRate?: number;
  readonly maxAttempts?: number;
  /** The longest gap between polls; twice the first gap, and at least 30 s, unless told. `null`: no cap. */
  readonly maxDelaySeconds?: number | null;
}

/**
 * A wait on AWS: the first poll comes when what it waits on should be done
 * (`firstPollAfter`, from the latency profile), never sooner, and later polls
 * back off from there.
 */
export function polling(firstPollAfter: number, options: PollingOptions = {}): Retrier {
  const maxDelay = options.maxDelaySeconds === undefined ? Math.max(2 * firstPollAfter, 30) : options.maxDelaySeconds;
  return {
    ErrorEquals: options.errors ?? [LAB_ERROR.NotReady],
    IntervalSeconds: firstPollAfter,
    BackoffRate: options.backoffRate ?? 1.5,
    MaxAttempts: options.maxAttempts ?? 10,
    ...(maxDelay === null ? {} : { MaxDelaySeconds: maxDelay }),
  };
}

/** The delay Step Functions waits before retry `attempt` (0-based), without jitter. */
export function retryDelay(retrier: Retrier, attempt: number): number {
  const delay = retrier.IntervalSeconds * retrier.BackoffRate ** attempt;
  return retrier.MaxDelaySeconds === undefined ? delay : Math.min(delay, retrier.MaxDelaySeconds);
}

/** How long a retrier keeps trying in all: the sum of its delays. */
export function patience(retrier: Retrier): number {
  return Array.from({ length: retrier.MaxAttempts }, (_, attempt) => retryDelay(retrier, attempt)).reduce((sum, delay) => sum + delay, 0);
}

/** The fewest attempts for which the retrier keeps trying at least `seconds`. */
export function attemptsToOutlast(retrier: Omit<Retrier, 'MaxAttempts'>, seconds: number): number {
  if (retrier.IntervalSeconds <= 0) throw new Error(`a retrier that waits ${retrier.IntervalSeconds} s never outlasts ${seconds} s`);
  let waited = 0;
  let attempts = 0;
  while (waited < seconds) waited += retryDelay({ ...retrier, MaxAttempts: 0 }, attempts++);
  return attempts;
}
