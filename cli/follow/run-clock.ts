import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { enteredEventOf } from './run-timeline';

/** The parts of a state machine definition that say how long a retry waits. */
export interface RetryDefinition {
  readonly States: Readonly<Record<string, { readonly Retry?: readonly { readonly ErrorEquals: readonly string[]; readonly IntervalSeconds?: number }[]; readonly Branches?: readonly RetryDefinition[] }>>;
}

/** Errors whose retries wait without jitter: the wait loops'. */
const WAITING_ERRORS = new Set(['NotReady', 'DependencyStillPresent']);

/** Each state's first retry interval for the wait loops' errors, Parallel branches included. */
function waitIntervals(definition: RetryDefinition, into = new Map<string, number>()): Map<string, number> {
  for (const [name, state] of Object.entries(definition.States)) {
    const retrier = state.Retry?.find((candidate) => candidate.ErrorEquals.some((error) => WAITING_ERRORS.has(error)));
    if (retrier?.IntervalSeconds !== undefined) into.set(name, retrier.IntervalSeconds);
    for (const branch of state.Branches ?? []) waitIntervals(branch, into);
  }
  return into;
}

/**
 * How many milliseconds of an execution's clock one AWS second took, read
 * from the run itself: the first retry of a wait loop waits its Retry's
 * IntervalSeconds, so the time from the failed attempt to the next one is
 * that many seconds of the clock the run ran on (AWS's own, or the local
 * cloud's scaled one). The median over the run's wait loops; undefined when
 * no wait loop retried.
 */
export function msPerAwsSecond(histories: readonly { readonly events: readonly HistoryEvent[]; readonly definition: RetryDefinition }[]): number | undefined {
  const ratios: number[] = [];
  for (const { events, definition } of histories) {
    const intervals = waitIntervals(definition);
    const byId = new Map(events.map((event) => [event.id ?? 0, event]));
    const retried = new Set<number>();
    for (const event of events) {
      const failed = event.type === 'LambdaFunctionScheduled' ? byId.get(event.previousEventId ?? -1) : undefined;
      if (failed?.type !== 'LambdaFunctionFailed' || !WAITING_ERRORS.has(failed.lambdaFunctionFailedEventDetails?.error ?? '')) continue;
      const entered = enteredEventOf(failed, byId);
      const interval = intervals.get(entered?.stateEnteredEventDetails?.name ?? '');
      // Only a state's first retry waits exactly IntervalSeconds: later ones back off.
      if (!entered || interval === undefined || retried.has(entered.id ?? 0)) continue;
      retried.add(entered.id ?? 0);
      ratios.push(((event.timestamp?.getTime() ?? 0) - (failed.timestamp?.getTime() ?? 0)) / interval);
    }
  }
  ratios.sort((a, b) => a - b);
  return ratios.length === 0 ? undefined : ratios[Math.floor(ratios.length / 2)];
}
