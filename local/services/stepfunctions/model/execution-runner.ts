import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LambdaInvoker } from '../../../lambda/lambda-function';
import { ServiceError } from '../../../protocol/service-error';
import { unwrapCallbackInput } from './callback-definition';
import { invokeRequest, taskTokenMarker, withTaskToken } from './callback-task';
import type { CallbackWaits } from './callback-waits';
import { type ExecutionOutcome, finishExecution, requireExecution, startExecution, stopChildren } from './executions';
import { HistoryWriter, type RunEvent } from './history-writer';
import { lambdaInvokeResponse } from './lambda-invoke-response';
import { requireArn, stateMachineRoleArn } from './sfn-arns';
import type { SfnContext } from './sfn-context';
import type { ExecutionRecord } from './sfn-records';
import { childStartRequest, syncOutput } from './start-execution-task';
import { isWithin } from './state-index';
import type { RegisteredStateMachine } from './state-machines';
import { type TaskCall, TaskCalls } from './task-calls';
import { callbackFailure, serviceCallFailure, TaskAbandoned, TaskFailure } from './task-failure';
import { isKind } from '../../../../functions/commons/is-kind';

type JsonValue = Parameters<StateMachine['run']>[0];
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

/** What a callback Task's handler works with: where it runs, and the run's calls, history and `$$.Task.Token` marker. */
interface CallbackTaskRun {
  readonly executionArn: string;
  readonly stateName: string;
  readonly calls: TaskCalls;
  readonly history: HistoryWriter;
  readonly tokenMarker: string;
}

/** How long the runner lets history writes gather before saving the state. */
const FLUSH_DELAY_MS = 50;

/** Reads how a run ended from its result; an abort means StopExecution (or the cloud closing) already decided. */
async function outcomeOf(result: Promise<JsonValue>): Promise<ExecutionOutcome> {
  try {
    return { status: 'SUCCEEDED', output: JSON.stringify(await result) };
  } catch (error) {
    if (isKind(error, ExecutionTimeoutError)) return { status: 'TIMED_OUT', error: 'States.Timeout' };
    if (isKind(error, ExecutionAbortedError)) return { status: 'FAILED', error: 'States.Runtime', cause: 'The run was aborted' };
    if (isKind(error, ExecutionError) && Error.isError(error.cause)) {
      const failure = error.cause;
      // A SendTaskFailure without error or cause leaves them null (see callbackFailure): the execution has none either.
      return { status: 'FAILED', error: failure.name ?? undefined, cause: (typeof failure.cause === 'string' ? failure.cause : failure.message) ?? undefined };
    }
    throw error;
  }
}

/**
 * Runs executions in this process with aws-local-stepfunctions, on the
 * time-scaled copy of their definition. Task states on a function ARN call
 * the Lambda invoker; `startExecution.sync:2` Tasks start a child execution
 * here and wait for it; `lambda:invoke.waitForTaskToken` Tasks invoke the
 * function with a fresh task token and wait for it to be sent back (see
 * CallbackWaits). What a run does is written to its execution's record and
 * history as it happens.
 */
export class ExecutionRunner {
  private readonly runs = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, () => void>();
  private closed = false;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: SfnContext,
    private readonly invokeLambda: LambdaInvoker,
    private readonly callbacks: CallbackWaits,
  ) {}

  /** Starts running a stored execution once the call that recorded it has returned. */
  launch(arn: string): void {
    if (this.runs.has(arn) || this.closed) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(arn)).finally(() => this.runs.delete(arn));
    this.runs.set(arn, run);
  }

  /** Stops the in-process work of executions StopExecution has already marked aborted. */
  abort(arns: readonly string[]): void {
    for (const arn of arns) {
      // Before the run hears of it: a token of a stopped execution is told TaskTimedOut from now on.
      this.callbacks.forget(arn);
      this.aborts.get(arn)?.();
    }
  }

  /** The execution once it has ended. */
  async finished(arn: string): Promise<ExecutionRecord> {
    await this.runs.get(arn);
    return requireExecution(this.context, arn);
  }

  /**
   * Stops every run without recording anything more: the executions stay
   * RUNNING in the saved state, as if the process had stopped, and a restart
   * fails them.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.callbacks.close();
    for (const abort of this.aborts.values()) abort();
    await Promise.allSettled(this.runs.values());
    clearTimeout(this.flushTimer);
  }

  private async run(arn: string): Promise<void> {
    const record = this.context.tables.executions.get(arn);
    if (this.closed || record?.status !== 'RUNNING') return;
    let outcome: ExecutionOutcome;
    try {
      outcome = await this.execute(record);
    } catch (error) {
      outcome = { status: 'FAILED', error: 'States.Runtime', cause: `The local Step Functions runtime failed: ${Error.isError(error) ? error.message : String(error)}` };
    }
    if (this.closed) return;
    const orphans = this.context.runtime.store.transaction(() => {
      finishExecution(this.context, arn, outcome);
      // Children still running (a sibling branch failed, the Task timed out) end with their parent.
      return stopChildren(this.context, arn);
    });
    this.callbacks.forget(arn);
    this.abort(orphans);
  }

  private async execute(record: ExecutionRecord): Promise<ExecutionOutcome> {
    const machine = this.context.registry.get(record.stateMachineArn);
    if (!machine) return { status: 'FAILED', error: 'States.Runtime', cause: `The state machine ${record.stateMachineArn} is no longer registered` };
    const calls = new TaskCalls();
    const history = new HistoryWriter(this.context, record.id, machine.states, calls);
    const tokenMarker = taskTokenMarker();
    const execution = new StateMachine(machine.runnable as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } }).run(JSON.parse(record.input) as JsonValue, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(record.id, machine, calls, history, tokenMarker) },
      context: {
        Execution: { Id: record.id, Name: record.name, RoleArn: stateMachineRoleArn(this.context.runtime.accountId, machine.name) },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: tokenMarker },
      },
    });
    this.aborts.set(record.id, execution.abort);
    const tell = async (): Promise<void> => {
      for await (const event of execution.eventLogs) {
        if (this.closed) continue;
        history.record(event);
        this.endAbandonedWaits(record.id, machine, event);
        this.flushSoon();
      }
    };
    try {
      const [, outcome] = await Promise.all([tell(), outcomeOf(execution.result)]);
      return outcome;
    } catch (error) {
      execution.abort();
      throw error;
    } finally {
      this.aborts.delete(record.id);
    }
  }

  /**
   * A Parallel or Map that fails stops its other branches (items) without an
   * event of theirs: their callback Tasks have ended, and so have their tokens.
   */
  private endAbandonedWaits(executionArn: string, machine: RegisteredStateMachine, event: RunEvent): void {
    if (event.type !== 'StateFailed' || (event.state.type !== 'Parallel' && event.state.type !== 'Map')) return;
    const outer = event.state.name;
    this.callbacks.abandonWhere(executionArn, (stateName) => isWithin(machine.states, stateName, outer));
  }

  /** One local handler per Task state, keyed by state name as aws-local-stepfunctions routes them. */
  private taskHandlers(executionArn: string, machine: RegisteredStateMachine, calls: TaskCalls, history: HistoryWriter, tokenMarker: string): TaskHandlers {
    const handlers: TaskHandlers = {};
    for (const [name, { task }] of machine.states) {
      if (task?.kind === 'lambda') handlers[name] = (input) => this.invokeFunction(executionArn, task.functionArn, calls.begin(name, input));
      if (task?.kind === 'startExecution.sync:2') handlers[name] = (input) => this.runChild(executionArn, calls.begin(name, input));
      if (task?.kind === 'lambda:invoke.waitForTaskToken') handlers[name] = (input) => this.waitForCallback({ executionArn, stateName: name, calls, history, tokenMarker }, input);
    }
    return handlers;
  }

  private async invokeFunction(executionArn: string, functionArn: string, call: TaskCall): Promise<JsonValue> {
    call.output = await this.countedInvoke(executionArn, functionArn, call.input);
    return call.output as JsonValue;
  }

  /** Invokes a function for a Task of the execution, counted as one of its Lambda invocations. */
  private countedInvoke(executionArn: string, functionArn: string, payload: unknown): Promise<unknown> {
    this.context.tables.executions.update(executionArn, (execution) => {
      execution.lambdaInvocations += 1;
    });
    this.flushSoon();
    return this.invokeLambda(functionArn, payload);
  }

  /**
   * One attempt of a `lambda:invoke.waitForTaskToken` Task: mints its token,
   * puts it where the Parameters read `$$.Task.Token`, invokes the function
   * with the Payload and waits for the token to come back. A failed invoke
   * fails the Task with the function's error, as the optimized integration
   * reports it: the error type as Error, Lambda's error payload as Cause
   * (LocalStack's AWS-recorded test_task_service_lambda.snapshot.json,
   * test_raise_exception), which is how the invoker rejects. The timeout is
   * aws-local-stepfunctions' timer (see wrapCallbackTask).
   */
  private async waitForCallback(task: CallbackTaskRun, input: unknown): Promise<JsonValue> {
    const { parameters, timeoutSeconds, invalid } = unwrapCallbackInput(input);
    // The package refuses the timeout itself (States.Runtime) once this returns: nothing may be invoked or waited on.
    if (invalid) return new Promise<never>(() => undefined);
    // A retry of a run already stopped (aws-local-stepfunctions retries without looking): nothing would abandon its wait.
    if (this.closed || this.context.tables.executions.get(task.executionArn)?.status !== 'RUNNING') throw new TaskAbandoned();
    const { token, outcome } = this.callbacks.open(task.executionArn, task.stateName, timeoutSeconds);
    try {
      const resolved = withTaskToken(parameters, task.tokenMarker, token);
      // Begun before the first await: the history takes the call when it reads the state entered (see TaskCalls).
      const call = task.calls.begin(task.stateName, resolved);
      call.timeoutSeconds = timeoutSeconds;
      const request = invokeRequest(resolved, task.executionArn.split(':')[3] ?? '', this.context.runtime.accountId);
      const payload = await this.countedInvoke(task.executionArn, request.functionArn, request.payload);
      call.submittedAt = this.context.runtime.clock.now();
      call.submitted = lambdaInvokeResponse(payload, new Date(call.submittedAt));
      task.history.submitted(call);
      this.flushSoon();
      const result = await outcome;
      if (result.status === 'ABANDONED') throw new TaskAbandoned();
      if (result.status === 'FAILED') throw callbackFailure(result.error, result.cause);
      call.output = result.output;
      return result.output as JsonValue;
    } finally {
      this.callbacks.end(token);
    }
  }

  private async runChild(parentArn: string, call: TaskCall): Promise<JsonValue> {
    const request = childStartRequest(call.input, parentArn);
    let started: ReturnType<typeof startExecution>;
    try {
      requireArn(request.stateMachineArn, 'stateMachine', 'stateMachineArn');
      started = this.context.runtime.store.transaction(() => startExecution(this.context, request));
    } catch (error) {
      throw isKind(error, ServiceError) ? serviceCallFailure('StepFunctions', error) : error;
    }
    const child = started.record;
    call.submitted = { ExecutionArn: child.id, StartDate: child.startDate };
    if (started.isNew) this.launch(child.id);
    const output = syncOutput(await this.finished(child.id));
    if (output.Status !== 'SUCCEEDED') throw new TaskFailure('States.TaskFailed', JSON.stringify(output));
    call.output = output;
    return JSON.parse(JSON.stringify(output)) as JsonValue;
  }

  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.context.runtime.store.flush();
    }, FLUSH_DELAY_MS);
    this.flushTimer.unref();
  }
}
