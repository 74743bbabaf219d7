import type { TaskState } from './asl-task-states';
import type { InjectionPoint, TracedCall } from './call-tracer';

/**
 * How much of the matrix: `first` fails each Task state once, at its first
 * mutating call (its first call when it only reads); `every` fails each
 * mutating call of each state in turn (and the first call of a state that
 * only reads).
 */
export type Coverage = 'first' | 'every';

/** The calls a state made in a clean run, each numbered among the state's calls of the same action. */
function numbered(calls: readonly TracedCall[], state: string): (InjectionPoint & { mutating: boolean })[] {
  const seen = new Map<string, number>();
  return calls
    .filter((call) => call.caller === state)
    .map((call) => {
      const key = `${call.service}:${call.action}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return { state, service: call.service, action: call.action, occurrence, mutating: call.mutating };
    });
}

/** Where to inject, for one Task state, from the calls a clean run attributed to it; empty when it calls no AWS API. */
export function injectionPoints(state: TaskState, cleanRun: readonly TracedCall[], coverage: Coverage): InjectionPoint[] {
  const calls = numbered(cleanRun, state.name);
  const mutating = calls.filter((call) => call.mutating);
  const chosen = mutating.length === 0 ? calls.slice(0, 1) : coverage === 'first' ? mutating.slice(0, 1) : mutating;
  return chosen.map(({ mutating: _mutating, ...point }) => point);
}
