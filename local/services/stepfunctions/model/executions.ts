import { randomUUID } from 'node:crypto';
import { appendHistoryEvent, NOT_TRUNCATED } from './execution-history';
import { executionArn, stateMachineRoleArn } from './sfn-arns';
import type { SfnContext } from './sfn-context';
import { executionAlreadyExists, executionDoesNotExist, invalidExecutionInput, invalidName } from './sfn-errors';
import type { ExecutionRecord } from './sfn-records';

export interface StartRequest {
  readonly stateMachineArn: string;
  readonly name?: string;
  /** JSON text; `{}` when omitted. */
  readonly input?: string;
  readonly parentExecutionArn?: string;
}

/** How an execution ended, other than by StopExecution. */
export type ExecutionOutcome = { readonly status: 'SUCCEEDED'; readonly output: string } | { readonly status: 'FAILED' | 'TIMED_OUT'; readonly error?: string; readonly cause?: string };

const MAX_NAME_LENGTH = 80;
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** Step Functions' naming rule: 1 to 80 characters, none of whitespace, brackets, wildcards, most punctuation or control characters. */
function requireValidName(name: string): string {
  const control = [...name].some((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || FORBIDDEN_NAME_CHARACTERS.test(name) || control) throw invalidName(name);
  return name;
}

function requireJsonInput(input: string): string {
  try {
    JSON.parse(input);
  } catch (error) {
    throw invalidExecutionInput((error as Error).message);
  }
  return input;
}

export function requireExecution(context: SfnContext, arn: string): ExecutionRecord {
  const record = context.tables.executions.get(arn);
  if (!record) throw executionDoesNotExist(arn);
  return record;
}

/**
 * Records a new RUNNING execution with its `ExecutionStarted` event. The
 * same name with the same input while the first is still running is the
 * same execution (`isNew` false); any other reuse of a name is refused.
 */
export function startExecution(context: SfnContext, request: StartRequest): { record: ExecutionRecord; isNew: boolean } {
  const machine = context.registry.require(request.stateMachineArn);
  const name = requireValidName(request.name ?? randomUUID());
  const input = requireJsonInput(request.input ?? '{}');
  const arn = executionArn(machine.arn, name);
  const existing = context.tables.executions.get(arn);
  if (existing) {
    if (existing.status === 'RUNNING' && existing.input === input) return { record: existing, isNew: false };
    throw executionAlreadyExists(arn);
  }
  const now = context.runtime.clock.now();
  const record = context.tables.executions.put({
    id: arn,
    stateMachineArn: machine.arn,
    name,
    input,
    startDate: now,
    status: 'RUNNING',
    stateTransitions: 0,
    lambdaInvocations: 0,
    parentExecutionArn: request.parentExecutionArn,
  });
  appendHistoryEvent(context, arn, {
    type: 'ExecutionStarted',
    timestamp: now,
    executionStartedEventDetails: { input, inputDetails: NOT_TRUNCATED, roleArn: stateMachineRoleArn(context.runtime.accountId, machine.name) },
  });
  return { record, isNew: true };
}

/** Ends a running execution the way its run ended; an execution already ended (stopped meanwhile) is left as it is. */
export function finishExecution(context: SfnContext, arn: string, outcome: ExecutionOutcome): boolean {
  const record = context.tables.executions.get(arn);
  if (!record || record.status !== 'RUNNING') return false;
  const now = context.runtime.clock.now();
  context.tables.executions.update(arn, (execution) => {
    execution.status = outcome.status;
    execution.stopDate = now;
    if (outcome.status === 'SUCCEEDED') execution.output = outcome.output;
    else Object.assign(execution, { error: outcome.error, cause: outcome.cause });
  });
  if (outcome.status === 'SUCCEEDED') {
    appendHistoryEvent(context, arn, { type: 'ExecutionSucceeded', timestamp: now, executionSucceededEventDetails: { output: outcome.output, outputDetails: NOT_TRUNCATED } });
  } else if (outcome.status === 'FAILED') {
    appendHistoryEvent(context, arn, { type: 'ExecutionFailed', timestamp: now, executionFailedEventDetails: { error: outcome.error, cause: outcome.cause } });
  } else {
    appendHistoryEvent(context, arn, { type: 'ExecutionTimedOut', timestamp: now, executionTimedOutEventDetails: { error: outcome.error, cause: outcome.cause } });
  }
  return true;
}

/**
 * Aborts a running execution and, as Step Functions does for `.sync`
 * integrations, the child executions it is waiting on. Returns the ARNs it
 * aborted (empty when the execution had already ended: stopping it again
 * changes nothing).
 */
export function stopExecution(context: SfnContext, arn: string, reason: { error?: string; cause?: string } = {}): string[] {
  const record = requireExecution(context, arn);
  if (record.status !== 'RUNNING') return [];
  const now = context.runtime.clock.now();
  context.tables.executions.update(arn, (execution) => Object.assign(execution, { status: 'ABORTED', stopDate: now, error: reason.error, cause: reason.cause }));
  appendHistoryEvent(context, arn, { type: 'ExecutionAborted', timestamp: now, executionAbortedEventDetails: { error: reason.error, cause: reason.cause } });
  return [arn, ...stopChildren(context, arn)];
}

/** Aborts the child executions a parent still runs, and theirs; returns the ARNs aborted. */
export function stopChildren(context: SfnContext, parentArn: string): string[] {
  const children = context.tables.executions.all().filter((execution) => execution.parentExecutionArn === parentArn && execution.status === 'RUNNING');
  return children.flatMap((child) => stopExecution(context, child.id));
}

/**
 * After a restart: an execution that was running when the process stopped
 * cannot resume work that lived in that process, so it is failed, saying why.
 */
export function failInterruptedExecutions(context: SfnContext): void {
  for (const record of context.tables.executions.all()) {
    if (record.status !== 'RUNNING') continue;
    finishExecution(context, record.id, {
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The local cloud restarted while this execution was running; the work it was doing lived in the stopped process and cannot be resumed. Start a new execution.',
    });
  }
}
