import type { Scenario } from '../functions/lab/lab-run';
import { criticalPath, scenarioSteps, stepSeconds } from '../statemachine/critical-path';
import type { LabStep, Phase } from '../statemachine/lab-graph';
import { type BucketDemand, bucketDemands, bucketSeconds } from './throttle-floor';

/** The shortest a batch of concurrent runs can take under AWS's rate limits, and what sets it. */
export interface BatchBound {
  readonly runs: number;
  readonly seconds: number;
  /** One run's bound, build and teardown: what a batch takes when no bucket binds. */
  readonly oneRunSeconds: number;
  /** The bucket that sets the bound, when one does: the least time before any run can draw on it, the batch's tokens through it up to the deciding step, and that step's least time to the end of its run. */
  readonly bucket?: string;
  readonly headSeconds?: number;
  readonly tokens?: number;
  readonly tailSeconds?: number;
}

/** From the moment a step makes its calls (it starts) to the end of its phase, at the earliest: its waits and the longest chain after it. */
function secondsToPhaseEnd(steps: readonly LabStep[]): Map<string, number> {
  const remaining = new Map<string, number>();
  const from = (step: LabStep): number => {
    const known = remaining.get(step.id);
    if (known !== undefined) return known;
    const after = steps.filter((later) => later.needs.includes(step.id)).map(from);
    const seconds = stepSeconds(step) + Math.max(0, ...after);
    remaining.set(step.id, seconds);
    return seconds;
  };
  steps.forEach(from);
  return remaining;
}

/** The steps a step cannot start before, in its phase: its needs, theirs, and so on. */
function ancestorsOf(steps: readonly LabStep[], step: LabStep): LabStep[] {
  const found = new Map<string, LabStep>();
  const visit = (at: LabStep) => {
    for (const need of at.needs) {
      const earlier = steps.find((candidate) => candidate.id === need);
      if (earlier && !found.has(need)) {
        found.set(need, earlier);
        visit(earlier);
      }
    }
  };
  visit(step);
  return [...found.values()];
}

function sumCalls(steps: readonly LabStep[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const [action, calls] of steps.flatMap((step) => Object.entries(step.calls ?? {}))) sum[action] = (sum[action] ?? 0) + calls;
  return sum;
}

/** A step that draws on small buckets: which, the steps it cannot start before (the whole build for a teardown step), the least time from its run's start to it, and from it to the end of its run. */
export interface DrawingStep {
  readonly step: LabStep;
  readonly buckets: ReadonlySet<string>;
  readonly before: readonly LabStep[];
  readonly headSeconds: number;
  readonly tailSeconds: number;
}

export function drawingSteps(scenario: Scenario): DrawingStep[] {
  const build = criticalPath(scenario, 'build');
  const teardownSeconds = criticalPath(scenario, 'teardown').boundSeconds;
  const drawing: DrawingStep[] = [];
  const earlierPhases: LabStep[] = [];
  for (const phase of ['build', 'teardown'] as Phase[]) {
    const steps = scenarioSteps(scenario, phase);
    const toPhaseEnd = secondsToPhaseEnd(steps);
    const earliest = new Map((phase === 'build' ? build : criticalPath(scenario, phase)).steps.map((planned) => [planned.step.id, planned.earliestStart]));
    for (const step of steps.filter((candidate) => candidate.calls)) {
      const headSeconds = (earliest.get(step.id) ?? 0) + (phase === 'build' ? 0 : build.boundSeconds);
      const tailSeconds = toPhaseEnd.get(step.id)! + (phase === 'build' ? teardownSeconds : 0);
      drawing.push({ step, buckets: new Set(bucketDemands(step.calls ?? {}).keys()), before: [...earlierPhases, ...ancestorsOf(steps, step)], headSeconds, tailSeconds });
    }
    earlierPhases.push(...steps);
  }
  return drawing;
}

/** One bucket and one set of steps closed under "comes before": the tokens a single run draws for the set, and the shortest tail after one of its draws. */
interface Candidate {
  readonly bucket: string;
  readonly demand: BucketDemand;
  readonly headSeconds: number;
  readonly tailSeconds: number;
}

/** Every non-empty subset of the drawing steps, widened to the steps before them, per bucket it draws on. They do not depend on how many runs share the buckets. */
function candidatesOf(scenario: Scenario): Candidate[] {
  const drawing = drawingSteps(scenario);
  const candidates: Candidate[] = [];
  for (let mask = 1; mask < 2 ** drawing.length; mask += 1) {
    const chosen = drawing.filter((_, index) => mask & (2 ** index));
    const steps = new Map(chosen.flatMap(({ step, before }) => [step, ...before]).map((step) => [step.id, step]));
    const drawers = drawing.filter(({ step }) => steps.has(step.id));
    for (const [bucket, demand] of bucketDemands(sumCalls([...steps.values()]))) {
      const onBucket = drawers.filter((drawer) => drawer.buckets.has(bucket));
      candidates.push({ bucket, demand, headSeconds: Math.min(...onBucket.map((drawer) => drawer.headSeconds)), tailSeconds: Math.min(...onBucket.map((drawer) => drawer.tailSeconds)) });
    }
  }
  return candidates;
}

const CANDIDATES = new Map<Scenario, Candidate[]>();
const candidates = (scenario: Scenario): Candidate[] => CANDIDATES.get(scenario) ?? CANDIDATES.set(scenario, candidatesOf(scenario)).get(scenario)!;

/**
 * No schedule of `runs` concurrent runs ends sooner than one run's bound, nor
 * sooner than a bucket allows. Take a set of steps closed under "comes
 * before" (a step, and all a run must do before it): every run draws that
 * set's tokens from a bucket, n in all. No run draws any of them before the
 * earliest its first drawing step can start (the head: every run starts at
 * once, and the set's first draw waits on the steps before it), and the
 * bucket holds at most C then, so the last of them is given no earlier than
 * head + (n - C) / r. The run that spends it still has, at the least, the
 * shortest tail among the set's steps drawing on that bucket ahead of it:
 * the step's waits, the longest chain after it, and teardown. The bound is
 * the largest such time over every such set and bucket.
 */
export function batchBound(scenario: Scenario, runs: number): BatchBound {
  const oneRunSeconds = criticalPath(scenario, 'build').boundSeconds + criticalPath(scenario, 'teardown').boundSeconds;
  let bound: BatchBound = { runs, seconds: oneRunSeconds, oneRunSeconds };
  for (const { bucket, demand, headSeconds, tailSeconds } of candidates(scenario)) {
    const tokens = demand.tokens * runs;
    const seconds = headSeconds + bucketSeconds({ size: demand.size, tokens }) + tailSeconds;
    if (seconds > bound.seconds) bound = { runs, seconds, oneRunSeconds, bucket, headSeconds, tokens, tailSeconds };
  }
  return bound;
}

/** The most runs at once whose batch bound stays within `factor` times one run's: beyond it, no orchestration meets that factor. */
export function mostRunsWithin(scenario: Scenario, factor: number, limit = 10_000): number {
  const allowed = factor * batchBound(scenario, 1).oneRunSeconds;
  let runs = 1;
  while (runs < limit && batchBound(scenario, runs + 1).seconds <= allowed) runs += 1;
  return runs;
}
