import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';
import { appendHistoryEvent, type NewHistoryEvent, NOT_TRUNCATED } from './execution-history';
import type { SfnContext } from './sfn-context';
import type { StateInfo } from './state-index';
import type { TaskTarget } from './task-targets';
import type { TaskCall, TaskCalls } from './task-calls';

/** An event of aws-local-stepfunctions' event log (the package does not export the type). */
export type RunEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type StateEvent = Extract<RunEvent, { state: unknown }>;
type MapIterationEvent = Extract<RunEvent, { type: 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' }>;
type FailedStateEvent = Extract<StateEvent, { type: 'StateFailed' }>;

const json = (value: unknown): string => JSON.stringify(value ?? null);

const causeText = (cause: unknown): string => (typeof cause === 'string' ? cause : json(cause));

const SYNC_RESOURCE = { resourceType: 'states', resource: 'startExecution.sync:2' } as const;
/** How AWS names the callback Lambda integration in Task* events (as `sqs` / `sendMessage.waitForTaskToken` in LocalStack's AWS-recorded test_callback.snapshot.json). */
const CALLBACK_RESOURCE = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' } as const;

const taskResource = (task: TaskTarget) => (task.kind === 'lambda:invoke.waitForTaskToken' ? CALLBACK_RESOURCE : SYNC_RESOURCE);

/**
 * Turns aws-local-stepfunctions' events of one run into the execution's
 * history as Step Functions writes it: `<Type>StateEntered/Exited`, the
 * `LambdaFunction*` events of a Task on a function ARN, `Task*` events of a
 * `startExecution.sync:2` or `lambda:invoke.waitForTaskToken` Task,
 * `Parallel/MapState*` and `MapIteration*`.
 *
 * Each event's `previousEventId` is the event before it in the same flow:
 * the same branch of a Parallel, the same item of a Map, else the top level.
 * Execution-level events are written by the model when the run ends.
 */
export class HistoryWriter {
  /** Last event id per flow: `''` top level, `<Parallel>#<branch>`, `<Map>[<index>]`. */
  private readonly last = new Map<string, number>();
  /** The event that opened a flow (ParallelStateStarted for its branches, MapStateStarted for its items). */
  private readonly openers = new Map<string, number>();
  private readonly current = new Map<string, TaskCall>();
  /** Where each call whose TaskStarted is written goes on, until its TaskSubmitted is written. */
  private readonly awaitingSubmission = new Map<TaskCall, { readonly flow: string; readonly resource: ReturnType<typeof taskResource> }>();
  private readonly region: string;

  constructor(
    private readonly context: SfnContext,
    private readonly executionArn: string,
    private readonly states: ReadonlyMap<string, StateInfo>,
    private readonly calls: TaskCalls,
  ) {
    this.last.set('', context.tables.histories.length(executionArn));
    this.region = executionArn.split(':')[3] ?? '';
  }

  /** Tells one event of the run; once the execution has ended (stopped meanwhile) its history is closed. */
  record(event: RunEvent): void {
    if (this.context.tables.executions.get(this.executionArn)?.status !== 'RUNNING') return;
    switch (event.type) {
      case 'StateEntered':
        return this.entered(event);
      case 'StateExited':
        return this.exited(event);
      case 'StateFailed':
        return this.failed(event);
      case 'StateRetried':
        // Step Functions bills each retry as one more state transition.
        this.countTransition();
        if (event.state.type === 'Task') this.taskStarted(event);
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        return this.iteration(event);
      default:
      // Execution events are written when the run ends; Parallel branches and catches have no event of their own on AWS.
    }
  }

  private entered(event: StateEvent): void {
    const { name, type, input } = event.state;
    const flow = this.flowOf(event);
    this.countTransition();
    this.append(flow, event.timestamp, { type: `${type}StateEntered` as HistoryEventType, stateEnteredEventDetails: { name, input: json(input), inputDetails: NOT_TRUNCATED } });
    if (type === 'Task') this.taskStarted(event);
    if (type === 'Parallel') {
      const started = this.append(flow, event.timestamp, { type: 'ParallelStateStarted' });
      for (let branch = 0; branch < this.info(name).branches; branch++) this.openers.set(`${name}#${branch}`, started);
    }
    if (type === 'Map') this.openers.set(name, this.append(flow, event.timestamp, { type: 'MapStateStarted' }));
  }

  private countTransition(): void {
    this.context.tables.executions.update(this.executionArn, (execution) => {
      execution.stateTransitions += 1;
    });
  }

  private exited(event: StateEvent): void {
    const { name, type, output } = event.state;
    const flow = this.flowOf(event);
    if (type === 'Task') this.taskSucceeded(event);
    if (type === 'Parallel') this.append(flow, event.timestamp, { type: 'ParallelStateSucceeded' });
    if (type === 'Map') this.append(flow, event.timestamp, { type: 'MapStateSucceeded' });
    this.append(flow, event.timestamp, { type: `${type}StateExited` as HistoryEventType, stateExitedEventDetails: { name, output: json(output), outputDetails: NOT_TRUNCATED } });
  }

  private failed(event: FailedStateEvent): void {
    const flow = this.flowOf(event);
    if (event.state.type === 'Task') this.taskFailed(event);
    if (event.state.type === 'Parallel') this.append(flow, event.timestamp, { type: 'ParallelStateFailed' });
    if (event.state.type === 'Map') this.append(flow, event.timestamp, { type: 'MapStateFailed' });
  }

  private taskStarted(event: StateEvent): void {
    const { name } = event.state;
    const task = this.info(name).task;
    const call = this.calls.next(name);
    if (!call || !task) return;
    const flow = this.flowOf(event);
    this.current.set(`${flow}/${name}`, call);
    const timeoutInSeconds = this.info(name).timeoutSeconds;
    if (task.kind === 'lambda') {
      this.append(flow, event.timestamp, {
        type: 'LambdaFunctionScheduled',
        lambdaFunctionScheduledEventDetails: { resource: task.functionArn, input: json(call.input), inputDetails: NOT_TRUNCATED, timeoutInSeconds },
      });
      this.append(flow, call.at, { type: 'LambdaFunctionStarted' });
      return;
    }
    const resource = taskResource(task);
    // A callback Task's timeout may come from TimeoutSecondsPath: the attempt's own, as resolved.
    const scheduled = { ...resource, region: this.region, parameters: json(call.input), timeoutInSeconds: call.timeoutSeconds ?? timeoutInSeconds };
    this.append(flow, event.timestamp, { type: 'TaskScheduled', taskScheduledEventDetails: scheduled });
    this.append(flow, call.at, { type: 'TaskStarted', taskStartedEventDetails: resource });
    this.awaitingSubmission.set(call, { flow, resource });
    this.submitted(call);
  }

  /**
   * Tells what a call's service answered before the Task waits
   * (`TaskSubmitted`), once its TaskStarted is written: the Lambda invoke of
   * a callback Task returns after the run has gone on, sometimes before
   * this history has read the state being entered.
   */
  submitted(call: TaskCall): void {
    const started = this.awaitingSubmission.get(call);
    if (!started || call.submitted === undefined || this.context.tables.executions.get(this.executionArn)?.status !== 'RUNNING') return;
    this.awaitingSubmission.delete(call);
    const details = { ...started.resource, output: json(call.submitted), outputDetails: NOT_TRUNCATED };
    this.append(started.flow, call.submittedAt ?? call.at, { type: 'TaskSubmitted', taskSubmittedEventDetails: details });
  }

  private taskSucceeded(event: StateEvent): void {
    const { flow, call, task } = this.takeCall(event);
    if (!call || !task) return;
    this.awaitingSubmission.delete(call);
    const output = { output: json(call.output), outputDetails: NOT_TRUNCATED };
    if (task.kind === 'lambda') this.append(flow, event.timestamp, { type: 'LambdaFunctionSucceeded', lambdaFunctionSucceededEventDetails: output });
    else this.append(flow, event.timestamp, { type: 'TaskSucceeded', taskSucceededEventDetails: { ...taskResource(task), ...output } });
  }

  private taskFailed(event: FailedStateEvent): void {
    const { flow, call, task } = this.takeCall(event);
    if (!call || !task) return;
    this.awaitingSubmission.delete(call);
    const failure = { error: event.Error, cause: causeText(event.Cause) };
    const timedOut = event.Error === 'States.Timeout';
    if (task.kind === 'lambda') {
      if (timedOut) this.append(flow, event.timestamp, { type: 'LambdaFunctionTimedOut', lambdaFunctionTimedOutEventDetails: failure });
      else this.append(flow, event.timestamp, { type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: failure });
    } else if (task.kind === 'lambda:invoke.waitForTaskToken') this.callbackFailed(flow, event);
    else if (timedOut) this.append(flow, event.timestamp, { type: 'TaskTimedOut', taskTimedOutEventDetails: { ...SYNC_RESOURCE, ...failure } });
    else this.append(flow, event.timestamp, { type: 'TaskFailed', taskFailedEventDetails: { ...SYNC_RESOURCE, ...failure } });
  }

  /**
   * A callback Task's end other than success, as AWS writes it: TaskTimedOut
   * with the error alone, TaskFailed with the error and cause SendTaskFailure
   * sent (each left out when it sent none) or the function's failure
   * (LocalStack's AWS-recorded test_callback.snapshot.json,
   * test_sqs_wait_for_task_token_timeout, test_sqs_failure_in_wait_for_task_token
   * and test_sqs_failure_in_wait_for_task_tok_no_error_field).
   */
  private callbackFailed(flow: string, event: FailedStateEvent): void {
    const error = event.Error ?? undefined;
    if (error === 'States.Timeout') {
      this.append(flow, event.timestamp, { type: 'TaskTimedOut', taskTimedOutEventDetails: { ...CALLBACK_RESOURCE, error } });
      return;
    }
    const cause = event.Cause === undefined || event.Cause === null ? undefined : causeText(event.Cause);
    this.append(flow, event.timestamp, { type: 'TaskFailed', taskFailedEventDetails: { ...CALLBACK_RESOURCE, error, cause } });
  }

  private takeCall(event: StateEvent) {
    const flow = this.flowOf(event);
    const key = `${flow}/${event.state.name}`;
    const call = this.current.get(key);
    this.current.delete(key);
    return { flow, call, task: this.info(event.state.name).task };
  }

  private iteration(event: MapIterationEvent): void {
    const details = { name: event.parentState.name, index: event.index };
    const flow = `${event.parentState.name}[${event.index}]`;
    if (event.type === 'MapIterationStarted') this.append(flow, event.timestamp, { type: event.type, mapIterationStartedEventDetails: details });
    if (event.type === 'MapIterationSucceeded') this.append(flow, event.timestamp, { type: event.type, mapIterationSucceededEventDetails: details });
    if (event.type === 'MapIterationFailed') this.append(flow, event.timestamp, { type: event.type, mapIterationFailedEventDetails: details });
  }

  private info(name: string): StateInfo {
    const info = this.states.get(name);
    if (!info) throw new Error(`the run reported a state '${name}' that its definition does not have`);
    return info;
  }

  /** The flow an event belongs to: its state's container, and for the states of a Map's items, which item. */
  private flowOf(event: StateEvent): string {
    const info = this.info(event.state.name);
    return info.inMap && event.index !== undefined ? `${info.container}[${event.index}]` : info.container;
  }

  private append(flow: string, timestamp: number, event: NewHistoryEvent): number {
    const previousEventId = this.last.get(flow) ?? this.openers.get(flow) ?? this.openers.get(flow.replace(/\[\d+\]$/, '')) ?? this.last.get('') ?? 0;
    const id = appendHistoryEvent(this.context, this.executionArn, { ...event, timestamp, previousEventId });
    this.last.set(flow, id);
    return id;
  }
}
