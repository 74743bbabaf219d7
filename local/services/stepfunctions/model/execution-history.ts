import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { SfnContext } from './sfn-context';
import type { StoredHistoryEvent } from './sfn-records';

/** A history event before it is numbered: the event's type and details, and optionally when and after which event it happened. */
export type NewHistoryEvent = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp'> & { readonly timestamp?: number; readonly previousEventId?: number };

/** Input and output are never truncated locally: no payload limit applies in memory. */
export const NOT_TRUNCATED = { truncated: false } as const;

/** Appends an event to an execution's history and returns its id (ids count from 1; `previousEventId` defaults to the event before). */
export function appendHistoryEvent(context: SfnContext, executionArn: string, event: NewHistoryEvent): number {
  if (!context.tables.executions.get(executionArn)) throw new Error(`no execution ${executionArn} is kept to write its history`);
  const id = context.tables.histories.length(executionArn) + 1;
  const stored: StoredHistoryEvent = { ...event, id, previousEventId: event.previousEventId ?? id - 1, timestamp: event.timestamp ?? context.runtime.clock.now() };
  context.tables.histories.append(executionArn, stored);
  return id;
}
