import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { enteredEventOf } from './run-timeline';

/** Why a run failed, for people: the step, AWS's error code and its message, on one line. */
export interface RunFailure {
  /** The state that failed, when a task failed (a Fail state of the workflow's own, such as LessonsFailed, has none). */
  readonly step?: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The message of a failure's cause. Step Functions passes a Lambda error as
 * the JSON Lambda writes (errorType, errorMessage, trace), a nested
 * execution's failure as that execution's JSON output (its Cause holds the
 * inner error), and a workflow's own Fail state as plain text.
 */
export function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(cause);
  } catch {
    // Plain text: the cause is the message.
    return cause.split('\n')[0] ?? '';
  }
  const fields = (parsed ?? {}) as { errorMessage?: unknown; Cause?: unknown; Error?: unknown };
  if (typeof fields.errorMessage === 'string') return fields.errorMessage.split('\n')[0] ?? '';
  if (typeof fields.Cause === 'string') return `${typeof fields.Error === 'string' ? `${fields.Error}: ` : ''}${causeMessage(fields.Cause)}`;
  return cause.split('\n')[0] ?? '';
}

const FAILURE_EVENTS = new Set(['LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'TaskFailed', 'TaskTimedOut']);

/** The failure of a run that ended with `error` and `cause`: the last task failure of that error in its history names the step. */
export function runFailure(error: string | undefined, cause: string | undefined, events: readonly HistoryEvent[]): RunFailure {
  const byId = new Map(events.map((event) => [event.id ?? 0, event]));
  const failed = [...events]
    .reverse()
    .find((event) => FAILURE_EVENTS.has(event.type ?? '') && (event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails ?? event.lambdaFunctionTimedOutEventDetails ?? event.taskTimedOutEventDetails)?.error === error);
  const step = failed ? enteredEventOf(failed, byId)?.stateEnteredEventDetails?.name : undefined;
  return { step, code: error ?? 'Unknown', message: causeMessage(cause) };
}
