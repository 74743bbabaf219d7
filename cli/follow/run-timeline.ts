import type { HistoryEvent } from '@aws-sdk/client-sfn';

export type RunPhase = 'build' | 'teardown';

/** One state's stay in a run, in milliseconds from the run's start. */
export interface TimelineBar {
  readonly state: string;
  readonly phase: RunPhase;
  readonly start: number;
  readonly end: number;
  /** When each attempt of a Task began: its first call and every retry (a wait loop's polls). */
  readonly attempts: readonly number[];
}

/** Where a run's time went: each Task and Wait state as a bar, build and verification first, then the teardown. */
export interface RunTimeline {
  readonly startedAt: Date;
  readonly bars: readonly TimelineBar[];
  /** Build and verification: from the start until the teardown began (or the run ended). */
  readonly buildEnd: number;
  readonly teardown?: { readonly start: number; readonly end: number };
  readonly end: number;
}

/** Step Functions' billing units and Lambda's, as a run's history shows them. */
export interface OrchestrationUse {
  /** States entered plus retries: each retry is billed as a transition. */
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** Summed duration of the invocations, in milliseconds. */
  readonly lambdaMilliseconds: number;
}

/** The Tasks that start the teardown state machine and wait for it. */
const TEARDOWN_STATES = new Set(['Teardown', 'TeardownAfterFailure']);
const BAR_EVENTS = /^(Task|Wait)State(Entered|Exited)$/;
const LAMBDA_ENDS = new Set(['LambdaFunctionSucceeded', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut']);

const at = (event: { readonly timestamp?: Date }): number => event.timestamp?.getTime() ?? 0;

/** The execution a `startExecution.sync:2` Task started (the teardown), from its TaskSubmitted event. */
export function childExecutionArn(events: readonly HistoryEvent[]): string | undefined {
  const submitted = events.find((event) => event.type === 'TaskSubmitted' && event.taskSubmittedEventDetails?.output);
  const output = submitted?.taskSubmittedEventDetails?.output;
  return output ? (JSON.parse(output) as { ExecutionArn?: string }).ExecutionArn : undefined;
}

/** The StateEntered event of the state an event happened in, followed back along `previousEventId`. */
export function enteredEventOf(event: HistoryEvent, byId: ReadonlyMap<number, HistoryEvent>): HistoryEvent | undefined {
  for (let current: HistoryEvent | undefined = event; current; current = byId.get(current.previousEventId ?? -1)) {
    if (current.stateEnteredEventDetails) return current;
  }
  return undefined;
}

/** Each Lambda scheduling (first call and retries) of each state entry, by the entry's event id. */
function attemptsByEntry(events: readonly HistoryEvent[]): Map<number, HistoryEvent[]> {
  const byId = new Map(events.map((event) => [event.id ?? 0, event]));
  const attempts = new Map<number, HistoryEvent[]>();
  for (const event of events) {
    if (event.type !== 'LambdaFunctionScheduled') continue;
    const entry = enteredEventOf(event, byId)?.id;
    if (entry !== undefined) attempts.set(entry, [...(attempts.get(entry) ?? []), event]);
  }
  return attempts;
}

function barsOf(events: readonly HistoryEvent[], origin: number, phase: RunPhase, end: number): TimelineBar[] {
  const attempts = attemptsByEntry(events);
  const open = new Map<string, HistoryEvent>();
  const bars: TimelineBar[] = [];
  const close = (state: string, until: number) => {
    const entered = open.get(state);
    open.delete(state);
    const tried = (attempts.get(entered?.id ?? -1) ?? []).map((attempt) => at(attempt) - origin);
    bars.push({ state, phase, start: entered ? at(entered) - origin : until, end: until, attempts: tried });
  };
  for (const event of events) {
    const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    if (!name || !BAR_EVENTS.test(event.type ?? '') || TEARDOWN_STATES.has(name)) continue;
    if (event.type?.endsWith('Entered')) open.set(name, event);
    else close(name, at(event) - origin);
  }
  // A state the run failed in (or is still in) ends with the run.
  for (const state of [...open.keys()]) close(state, end);
  return bars.sort((a, b) => a.start - b.start);
}

/**
 * The timeline of a run from its lab-run history and, when it got that far,
 * its teardown's. Times are milliseconds from the run's start, on the
 * executions' own clock (AWS time on AWS, scaled time on the local cloud).
 */
export function runTimeline(events: readonly HistoryEvent[], teardownEvents: readonly HistoryEvent[] = []): RunTimeline {
  const origin = at(events[0] ?? {});
  const end = Math.max(...[...events, ...teardownEvents].map(at)) - origin;
  const teardownEntered = events.find((event) => event.type === 'TaskStateEntered' && TEARDOWN_STATES.has(event.stateEnteredEventDetails?.name ?? ''));
  const teardownExited = events.find((event) => event.type === 'TaskStateExited' && TEARDOWN_STATES.has(event.stateExitedEventDetails?.name ?? ''));
  const teardown = teardownEntered ? { start: at(teardownEntered) - origin, end: (teardownExited ? at(teardownExited) : origin + end) - origin } : undefined;
  return {
    startedAt: new Date(origin),
    bars: [...barsOf(events, origin, 'build', end), ...barsOf(teardownEvents, origin, 'teardown', end)],
    buildEnd: teardown?.start ?? end,
    teardown,
    end,
  };
}

/** Transitions, invocations and Lambda time of one or more executions' histories (a run and its teardown). */
export function orchestrationUse(...histories: (readonly HistoryEvent[])[]): OrchestrationUse {
  let stateTransitions = 0;
  let lambdaInvocations = 0;
  let lambdaMilliseconds = 0;
  for (const events of histories) {
    const byPrevious = new Map(events.map((event) => [event.previousEventId ?? -1, event]));
    for (const event of events) {
      if (event.type?.endsWith('StateEntered')) stateTransitions++;
      if (event.type === 'LambdaFunctionScheduled') lambdaInvocations++;
      const ended = event.type === 'LambdaFunctionStarted' ? byPrevious.get(event.id ?? -1) : undefined;
      // Lambda bills each invocation by the millisecond, rounded up.
      if (ended && LAMBDA_ENDS.has(ended.type ?? '')) lambdaMilliseconds += Math.max(1, at(ended) - at(event));
    }
    // Every scheduling of a state's function after its first is a retry, billed as a transition.
    for (const attempts of attemptsByEntry(events).values()) stateTransitions += attempts.length - 1;
  }
  return { stateTransitions, lambdaInvocations, lambdaMilliseconds };
}
