import { abortableSleep } from '../follow/abortable-sleep';
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { LabConnection } from '../connection/lab-connection';
import { FollowInterrupted } from '../follow/execution-events';
import { holdBegins } from '../follow/run-hold';
import { SHOWN_STATE_EVENTS } from '../render/progress-view';

/** An execution followed among others. */
export interface FollowedExecution {
  readonly executionArn: string;
  /** When it started (ms, the cloud's clock). */
  readonly startedAt: number;
}

/** Where one execution of a batch is, as the live view shows it. */
export interface MemberProgress<T extends FollowedExecution = FollowedExecution> {
  readonly member: T;
  /** RUNNING, HOLDING (a `--keep` run holding its built lab), or how the execution ended. */
  readonly state: string;
  /** The step it is in (or last left), as the state machine names it. */
  readonly step?: string;
  /** When it ended or began its hold (ms, the cloud's clock). */
  readonly settledAt?: number;
}

const ENDS: Readonly<Record<string, string>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/**
 * The live view reads each run's newest history events only, and no more
 * than half of GetExecutionHistory's refill (20 a second in every Region:
 * the Step Functions Developer Guide, "Quotas related to API action
 * throttling"), so a class of 150 followed at once leaves room for the
 * students' own `status` and for the workflows' callers.
 */
const HISTORY_CALLS_PER_SECOND = 10;
/** Enough of the newest events to hold the latest state event between a step's retries (three events an attempt). */
const NEWEST_EVENTS = 25;

export interface FollowBatchOptions<T extends FollowedExecution> {
  readonly signal: AbortSignal;
  /** A held run is settled once its hold begins: the command returns then, the run holding in the cloud. */
  readonly settleOnHold: boolean;
  readonly onRound?: (progress: readonly MemberProgress<T>[]) => void;
}

/** One run's place from its newest events, newest first: the execution's end, else its latest step; none seen keeps what was known. */
export function progressFrom<T extends FollowedExecution>(known: MemberProgress<T>, newest: readonly HistoryEvent[], settleOnHold: boolean): MemberProgress<T> {
  const [latest] = newest;
  const at = latest?.timestamp?.getTime() ?? Date.now();
  const step = newest.find((event) => SHOWN_STATE_EVENTS.test(event.type ?? ''));
  const stepName = step?.stateEnteredEventDetails?.name ?? step?.stateExitedEventDetails?.name ?? known.step;
  const ended = latest?.type ? ENDS[latest.type] : undefined;
  if (ended) return { ...known, state: ended, step: stepName, settledAt: at };
  if (step && holdBegins(step)) return { ...known, state: 'HOLDING', step: stepName, ...(settleOnHold ? { settledAt: at } : {}) };
  return { ...known, state: 'RUNNING', step: stepName };
}

/**
 * Follows every run of a batch until each has ended (or begun its hold, with
 * `settleOnHold`), handing the whole batch's progress to `onRound` after
 * each round of polls. Aborting the signal stops following at once with
 * FollowInterrupted; the runs go on where they run.
 */
export async function followBatch<T extends FollowedExecution>(connection: LabConnection, members: readonly T[], options: FollowBatchOptions<T>): Promise<MemberProgress<T>[]> {
  const { signal, settleOnHold, onRound } = options;
  const progress: MemberProgress<T>[] = members.map((member) => ({ member, state: 'RUNNING' }));
  const interrupted = () => new FollowInterrupted(members[0]?.executionArn ?? '');
  try {
    for (;;) {
      const round = Date.now();
      // One call at a time, each at least its share of the rate apart: the round spreads rather than bursts.
      for (const [index, known] of progress.entries()) {
        if (known.settledAt !== undefined) continue;
        const called = Date.now();
        const { events } = await connection.sfn.send(
          new GetExecutionHistoryCommand({ executionArn: known.member.executionArn, reverseOrder: true, maxResults: NEWEST_EVENTS, includeExecutionData: false }),
          { abortSignal: signal },
        );
        progress[index] = progressFrom(known, events ?? [], settleOnHold);
        await abortableSleep(1000 / HISTORY_CALLS_PER_SECOND - (Date.now() - called), signal);
        if (signal.aborted) throw interrupted();
      }
      onRound?.(progress);
      if (progress.every((known) => known.settledAt !== undefined)) return progress;
      await abortableSleep(connection.pollMs - (Date.now() - round), signal);
      if (signal.aborted) throw interrupted();
    }
  } catch (error) {
    if (signal.aborted) throw interrupted();
    throw error;
  }
}
