import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, type RunOptions, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LambdaInvoker } from '../../../lambda/lambda-function';
import { ServiceError } from '../../../protocol/service-error';
import { type ExecutionOutcome, finishExecution, requireExecution, startExecution, stopChildren } from './executions';
import { HistoryWriter } from './history-writer';
import { requireArn, stateMachineRoleArn } from './sfn-arns';
import type { SfnContext } from './sfn-context';
import type { ExecutionRecord } from './sfn-records';
import { childStartRequest, syncOutput } from './start-execution-task';
import type { RegisteredStateMachine } from './state-machines';
import { type TaskCall, TaskCalls } from './task-calls';
import { serviceCallFailure, TaskFailure } from './task-failure';
import { isKind } from '../../../../functions/commons/is-kind';

type JsonValue = Parameters<StateMachine['run']>[0];
type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

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
      return { status: 'FAILED', error: failure.name, cause: typeof failure.cause === 'string' ? failure.cause : failure.message };
    }
    throw error;
  }
}

/**
 * Runs executions in this process with aws-local-stepfunctions, on the
 * time-scaled copy of their definition. Task states on a function ARN call
 * the Lambda invoker; `startExecution.sync:2` Tasks start a child execution
 * here and wait for it. What a run does is written to its execution's record
 * and history as it happens.
 */
export class ExecutionRunner {
  private readonly runs = new Map<string, Promise<void>>();
  private readonly aborts = new Map<string, () => void>();
  private closed = false;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: SfnContext,
    private readonly invokeLambda: LambdaInvoker,
  ) {}

  /** Starts running a stored execution once the call that recorded it has returned. */
  launch(arn: string): void {
    if (this.runs.has(arn) || this.closed) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(arn)).finally(() => this.runs.delete(arn));
    this.runs.set(arn, run);
  }

  /** Stops the in-process work of executions StopExecution has already marked aborted. */
  abort(arns: readonly string[]): void {
    for (const arn of arns) this.aborts.get(arn)?.();
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
    this.abort(orphans);
  }

  private async execute(record: ExecutionRecord): Promise<ExecutionOutcome> {
    const machine = this.context.registry.get(record.stateMachineArn);
    if (!machine) return { status: 'FAILED', error: 'States.Runtime', cause: `The state machine ${record.stateMachineArn} is no longer registered` };
    const calls = new TaskCalls();
    const history = new HistoryWriter(this.context, record.id, machine.states, calls);
    const execution = new StateMachine(machine.runnable as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } }).run(JSON.parse(record.input) as JsonValue, {
      overrides: { taskResourceLocalHandlers: this.taskHandlers(record.id, machine, calls) },
      context: {
        Execution: { Id: record.id, Name: record.name, RoleArn: stateMachineRoleArn(this.context.runtime.accountId, machine.name) },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    this.aborts.set(record.id, execution.abort);
    const tell = async (): Promise<void> => {
      for await (const event of execution.eventLogs) {
        if (this.closed) continue;
        history.record(event);
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

  /** One local handler per Task state, keyed by state name as aws-local-stepfunctions routes them. */
  private taskHandlers(executionArn: string, machine: RegisteredStateMachine, calls: TaskCalls): TaskHandlers {
    const handlers: TaskHandlers = {};
    for (const [name, { task }] of machine.states) {
      if (task?.kind === 'lambda') handlers[name] = (input) => this.invokeFunction(executionArn, task.functionArn, calls.begin(name, input));
      if (task?.kind === 'startExecution.sync:2') handlers[name] = (input) => this.runChild(executionArn, calls.begin(name, input));
    }
    return handlers;
  }

  private async invokeFunction(executionArn: string, functionArn: string, call: TaskCall): Promise<JsonValue> {
    this.context.tables.executions.update(executionArn, (execution) => {
      execution.lambdaInvocations += 1;
    });
    this.flushSoon();
    call.output = await this.invokeLambda(functionArn, call.input);
    return call.output as JsonValue;
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
