import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { stopOfPause } from '../../functions/lab/guided/guided-stops';
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

/** The states that last as long as the wall clock says, on AWS and locally alike: the hold, and a guided run's pauses for its student. */
export const isWallClockState = (name: string | undefined): boolean => name === HOLD_STATE || (name !== undefined && stopOfPause(name) !== undefined);

/** The run's spans of wall-clock time (the hold, the pauses) in ms from `origin`, in order; one still going lasts until `now`. */
export function wallClockSpans(events: readonly HistoryEvent[], origin: number, now: number): HoldSpan[] {
  const spans: HoldSpan[] = [];
  let open: { name: string; start: number } | undefined;
  for (const event of events) {
    const at = (event.timestamp?.getTime() ?? now) - origin;
    const entered = event.stateEnteredEventDetails?.name;
    if (!open && isWallClockState(entered) && entered !== undefined) open = { name: entered, start: at };
    else if (open && event.stateExitedEventDetails?.name === open.name) {
      spans.push({ start: open.start, end: at });
      open = undefined;
    }
  }
  if (open) spans.push({ start: open.start, end: now - origin });
  return spans;
}
