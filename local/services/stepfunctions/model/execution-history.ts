import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { SfnContext } from './sfn-context';
import type { StoredHistoryEvent } from './sfn-records';

/** A history event before it is numbered: the event's type and details, and optionally when and after which event it happened. */
export type NewHistoryEvent = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp'> & { readonly timestamp?: number; readonly previousEventId?: number };

/** Input and output are never truncated locally: no payload limit applies in memory. */
export const NOT_TRUNCATED = { truncated: false } as const;

/** Appends an event to an execution's history and returns its id (ids count from 1; `previousEventId` defaults to the event before). */
export function appendHistoryEvent(context: SfnContext, executionArn: string, event: NewHistoryEvent): number {
  const history = context.tables.histories.get(executionArn);
  if (!history) throw new Error(`no history is kept for ${executionArn}`);
  const id = history.events.length + 1;
  const stored: StoredHistoryEvent = { ...event, id, previousEventId: event.previousEventId ?? id - 1, timestamp: event.timestamp ?? context.runtime.clock.now() };
  context.tables.histories.update(executionArn, (record) => record.events.push(stored));
  return id;
}
