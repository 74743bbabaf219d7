import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { HoldSpan } from './aws-clock';

/** The Wait state that holds a `--keep` run's lab until its TTL. */
export const HOLD_STATE = 'HoldUntilExpiry';

/** The hold of a `--keep` run begins: the lab is built and verified. */
export const holdBegins = (event: HistoryEvent): boolean => event.type === 'WaitStateEntered' && event.stateEnteredEventDetails?.name === HOLD_STATE;

/** The run's hold, in ms from `origin`; one still going lasts until `now`. Undefined for a run that was not held. */
export function holdSpan(events: readonly HistoryEvent[], origin: number, now: number): HoldSpan | undefined {
  const entered = events.find(holdBegins);
  if (!entered) return undefined;
  const exited = events.find((event) => event.type === 'WaitStateExited' && event.stateExitedEventDetails?.name === HOLD_STATE);
  return { start: (entered.timestamp?.getTime() ?? origin) - origin, end: (exited?.timestamp?.getTime() ?? now) - origin };
}
