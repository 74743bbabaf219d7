import { THROTTLED_MAX_DELAY_SECONDS } from './asl/retry-policy';
import { drawingSteps } from './batch-bound';

/** Four times as often as the steps with the shortest tail: they win about four tokens for each one those win. */
const AHEAD_MAX_DELAY_SECONDS = THROTTLED_MAX_DELAY_SECONDS / 4;

/**
 * How often each state that draws on a small request bucket asks again when
 * throttled, so that when many runs queue for the same bucket the steps with
 * the most left to do after their call win its tokens first, and the last
 * tokens go to the steps with the shortest tail. The batch bound
 * (batch-bound.ts) assumes exactly that order: the run that spends the last
 * token has the shortest tail ahead of it. Under a shared bucket each
 * waiting step wins tokens in proportion to how often it asks: the steps of
 * the shortest tail ask at the usual cadence, every other step of the
 * bucket four times as often. (Faster still would buy little and cost a
 * Lambda invocation and its state transitions per ask.) The order comes
 * from the workflows' own retry settings, which Step Functions applies the
 * same way on AWS: nothing coordinates the runs.
 *
 * Measured on the local cloud under AWS's rate limits, 50 full runs: with one
 * cadence for all, the service endpoints (their tail: acceptance, the
 * endpoint becoming available, verification, teardown) took the last
 * CreateVpcEndpoint tokens, and the batch ended 1.25 × its bound.
 *
 * The calls of a step of the lab graph are made by its first state.
 */
export function throttledMaxDelays(): ReadonlyMap<string, number> {
  const drawing = drawingSteps('full');
  const delays = new Map<string, number>();
  for (const drawer of drawing) {
    const peers = drawing.filter((other) => [...other.buckets].some((bucket) => drawer.buckets.has(bucket)));
    const shortest = Math.min(...peers.map((peer) => peer.tailSeconds));
    const state = drawer.step.states[0];
    if (!state) throw new Error(`the lab step ${drawer.step.id} draws on a bucket but names no state`);
    const delay = drawer.tailSeconds > shortest ? AHEAD_MAX_DELAY_SECONDS : THROTTLED_MAX_DELAY_SECONDS;
    delays.set(state, Math.min(delay, delays.get(state) ?? Infinity));
  }
  return delays;
}

const MAX_DELAYS = throttledMaxDelays();

/** The throttled cap of a state that draws on a small bucket; a state that draws on none is a mistake of the workflow's code, named at once. */
export function askingCadence(state: string): number {
  const delay = MAX_DELAYS.get(state);
  if (delay === undefined) throw new Error(`the state ${state} draws on no small request bucket in the lab graph: it asks at the usual cadence`);
  return delay;
}
