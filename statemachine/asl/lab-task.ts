import type { LabFunctionId } from '../../contract/lab-function-ids';
import { functionArnPlaceholder } from '../../contract/lab-names';
import type { Catcher, Payload, Retrier, TaskState, Transition } from './asl-types';
import { LAMBDA_TRANSIENT, NESTED_EXECUTION_TRANSIENT, throttled } from './retry-policy';

/** `{ 'run.$': '$.run', ... }`: the named fields of the state's input, passed on as they are. */
export const fieldsOf = (...names: readonly string[]): Payload => Object.fromEntries(names.map((name) => [`${name}.$`, `$.${name}`]));

/** Every error caught, kept at `resultPath` beside the input, and on to `next`. */
export const catchAll = (next: string, resultPath = '$.failure'): Catcher => ({ ErrorEquals: ['States.ALL'], ResultPath: resultPath, Next: next });

export interface LabTaskOptions {
  readonly comment?: string;
  readonly parameters: Payload;
  /** Where the result goes; the whole output when omitted, nothing when `null`. */
  readonly resultPath?: string | null;
  /** The step's own retriers (a wait on AWS, settling), tried before the shared ones. */
  readonly retry?: readonly Retrier[];
  /** Throttling codes of a service beyond the usual three (Service Quotas' `TooManyRequestsException`). */
  readonly throttledAlsoAs?: readonly string[];
  /** How long at most it waits between asks when throttled (statemachine/throttled-cadence.ts); the usual cap unless told. */
  readonly throttledMaxDelaySeconds?: number;
  /** Where a failure goes once the retriers give up. */
  readonly onFailure?: string;
  readonly then: Transition;
}

/**
 * A lab function called as a Task, `${<Id>FunctionArn}` substituted at deploy
 * (CDK) or load (the local cloud): its own retriers, then throttling and
 * Lambda's transient errors, as every lab step needs.
 */
export function labTask(functionId: LabFunctionId, options: LabTaskOptions): TaskState {
  return {
    ...(options.comment === undefined ? {} : { Comment: options.comment }),
    Type: 'Task',
    Resource: `\${${functionArnPlaceholder(functionId)}}`,
    Parameters: options.parameters,
    ...(options.resultPath === undefined ? {} : { ResultPath: options.resultPath }),
    Retry: [...(options.retry ?? []), throttled(options.throttledAlsoAs, options.throttledMaxDelaySeconds), LAMBDA_TRANSIENT],
    ...(options.onFailure === undefined ? {} : { Catch: [catchAll(options.onFailure)] }),
    ...options.then,
  };
}

export interface NestedExecutionOptions {
  readonly comment: string;
  /** The `${<Key>StateMachineArn}` placeholder of the state machine to run. */
  readonly stateMachine: string;
  readonly input: Payload;
  readonly resultSelector: Payload;
  readonly resultPath: string;
  readonly catch?: Catcher;
  readonly then: Transition;
}

/**
 * Another state machine run to its end (`startExecution.sync:2`, its output
 * as JSON), linked to this execution so that stopping this one stops it
 * (`AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID`, "Start a new execution from
 * a running one", Step Functions Developer Guide).
 */
export function nestedExecution(options: NestedExecutionOptions): TaskState {
  return {
    Comment: options.comment,
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Parameters: { StateMachineArn: `\${${options.stateMachine}}`, Input: { ...options.input, 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
    ResultSelector: options.resultSelector,
    ResultPath: options.resultPath,
    Retry: [NESTED_EXECUTION_TRANSIENT],
    ...(options.catch === undefined ? {} : { Catch: [options.catch] }),
    ...options.then,
  };
}

export const next = (state: string): Transition => ({ Next: state });
export const END: Transition = { End: true };

/** Where a callback Task puts its token in the function's payload: `next` reads it back from the TaskScheduled event. */
export const TASK_TOKEN_FIELD = 'taskToken';

/** Whether a Task's resource (in the history: `invoke.waitForTaskToken`) waits for a task token. */
export const waitsForTaskToken = (resource: string | undefined): boolean => resource?.endsWith('.waitForTaskToken') === true;

export interface CallbackTaskOptions {
  readonly comment: string;
  readonly payload: Payload;
  /** Where in the input the pause's length (whole seconds) is. */
  readonly timeoutSecondsPath: string;
  readonly resultPath: string;
  readonly catch: readonly Catcher[];
  readonly then: Transition;
}

/**
 * A lab function invoked with a task token, the Task then waiting until the
 * token is sent back (SendTaskSuccess / SendTaskFailure) or its timeout
 * passes with States.Timeout ("Wait for a Callback with Task Token",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
 * The token is in the Task's TaskScheduled event, where whoever may read the
 * execution's history finds it.
 */
export function callbackTask(functionId: LabFunctionId, options: CallbackTaskOptions): TaskState {
  return {
    Comment: options.comment,
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: `\${${functionArnPlaceholder(functionId)}}`, Payload: { ...options.payload, [`${TASK_TOKEN_FIELD}.$`]: '$$.Task.Token' } },
    TimeoutSecondsPath: options.timeoutSecondsPath,
    ResultPath: options.resultPath,
    Retry: [LAMBDA_TRANSIENT],
    Catch: options.catch,
    ...options.then,
  };
}
