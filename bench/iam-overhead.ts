import type { IamUsage } from '../local/iam/local-iam';
import { startBenchLab } from './bench-lab';
import { runBatch } from './measure-runs';

/** What enforcing IAM cost the runs a lab made: its own account of calls and time, without the start-up. */
export type RunIamUsage = Omit<IamUsage, 'loadMilliseconds'>;

/** A full run with IAM enforced and without, on the same machine, the same pace. */
export interface IamOverhead {
  readonly pairs: number;
  /** Median wall seconds of a full run (build, verify and teardown). */
  readonly withIamSeconds: number;
  readonly withoutIamSeconds: number;
  /** How much longer a run took with IAM, as a share of one without. */
  readonly extraShare: number;
  /** Statuses of every run measured, for a comparison of finished runs only. */
  readonly statuses: readonly string[];
  /** The median run's time in IAM, as a share of its wall time, and what it decided. */
  readonly inIamShare: number;
  readonly usage: RunIamUsage;
  /** Reading the Service Authorization Reference when the process's first cloud started (later ones find the data files read). */
  readonly loadMilliseconds: number;
}

const PAIRS = 2;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export function usageSince(before: IamUsage | undefined, after: IamUsage | undefined): RunIamUsage {
  return {
    calls: (after?.calls ?? 0) - (before?.calls ?? 0),
    refused: (after?.refused ?? 0) - (before?.refused ?? 0),
    milliseconds: (after?.milliseconds ?? 0) - (before?.milliseconds ?? 0),
  };
}

interface TimedRun {
  readonly status: string;
  readonly wallSeconds: number;
  readonly usage: RunIamUsage;
}

async function timedRun(timeScale: number, iam: boolean): Promise<TimedRun> {
  const bench = await startBenchLab(timeScale, undefined, iam);
  try {
    const before = bench.lab.cloud.iam?.usage();
    const { runs } = await runBatch(bench, 'full', 1);
    const run = runs[0]!;
    const after = bench.lab.cloud.iam?.usage();
    return { status: run.status, wallSeconds: (run.stopDate - run.startDate) / 1000, usage: usageSince(before, after) };
  } finally {
    await bench.close();
  }
}

/**
 * Full runs with IAM enforced and without, taken in turns (so a slower
 * stretch of the machine falls on both), each on a cloud of its own; the
 * medians are compared. The time in IAM is the cloud's own account of it;
 * `loadMilliseconds` is the first cloud's, measured by the caller.
 */
export async function measureIamOverhead(timeScale: number, loadMilliseconds: number): Promise<IamOverhead> {
  const withIam: TimedRun[] = [];
  const withoutIam: TimedRun[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    withIam.push(await timedRun(timeScale, true));
    withoutIam.push(await timedRun(timeScale, false));
  }
  const withIamSeconds = median(withIam.map((run) => run.wallSeconds));
  const withoutIamSeconds = median(withoutIam.map((run) => run.wallSeconds));
  const usage: RunIamUsage = {
    calls: median(withIam.map((run) => run.usage.calls)),
    refused: median(withIam.map((run) => run.usage.refused)),
    milliseconds: median(withIam.map((run) => run.usage.milliseconds)),
  };
  return {
    pairs: PAIRS,
    withIamSeconds,
    withoutIamSeconds,
    extraShare: (withIamSeconds - withoutIamSeconds) / withoutIamSeconds,
    statuses: [...withIam, ...withoutIam].map((run) => run.status),
    inIamShare: usage.milliseconds / 1000 / withIamSeconds,
    usage,
    loadMilliseconds,
  };
}
