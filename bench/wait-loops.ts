import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TimelineBar } from '../cli/follow/run-timeline';
import { type AslDefinition, forEachState } from '../local/services/stepfunctions/model/asl-definition';

const STATE_MACHINE_DIR = resolve(__dirname, '..', 'statemachine');
const WAITING_ERRORS = ['NotReady', 'DependencyStillPresent'];

/** How one wait loop of a run polled: its attempts, and the shortest gap between two of them, in AWS seconds. */
export interface WaitLoop {
  readonly state: string;
  readonly attempts: number;
  readonly shortestGapSeconds: number;
  /** The first interval its Retry gives NotReady: what it was tuned to wait. */
  readonly retryIntervalSeconds: number;
}

/** Each Task's first NotReady retry interval, from the lab-run and teardown definitions. */
function retryIntervals(): Map<string, number> {
  const intervals = new Map<string, number>();
  for (const file of ['lab-run.asl.json', 'teardown.asl.json']) {
    // The placeholders sit in strings, so the files parse as they are.
    const definition = JSON.parse(readFileSync(join(STATE_MACHINE_DIR, file), 'utf8')) as AslDefinition;
    forEachState(definition, ({ name, state }) => {
      const waiting = state.Retry?.find((retrier) => retrier.ErrorEquals.some((error) => WAITING_ERRORS.includes(error)));
      if (waiting?.IntervalSeconds !== undefined) intervals.set(name, waiting.IntervalSeconds);
    });
  }
  return intervals;
}

/** The run's wait loops that polled more than once, with how often and how far apart. */
export function waitLoops(bars: readonly TimelineBar[], awsSeconds: (ms: number) => number): WaitLoop[] {
  const intervals = retryIntervals();
  return bars
    .filter((bar) => bar.attempts.length > 1 && intervals.has(bar.state))
    .map((bar) => {
      const gaps = bar.attempts.slice(1).map((attempt, index) => awsSeconds(attempt - bar.attempts[index]!));
      return { state: bar.state, attempts: bar.attempts.length, shortestGapSeconds: Math.min(...gaps), retryIntervalSeconds: intervals.get(bar.state)! };
    });
}
