import type { RunOutcome } from '../../../cli/run-outcome';
import { SCENARIOS, type Scenario } from '../../../functions/lab/lab-run';
import type { CliResult } from '../../support/cli-runner';
import type { RunLeftovers } from '../../support/run-leftovers';
import type { TaskState } from './asl-task-states';
import { accessDenied, type InjectionPoint, type TracedCall } from './call-tracer';
import { invokedCallers } from './caller-context';
import { type Coverage, injectionPoints } from './injection-points';
import type { TracedLab } from './traced-lab';

/** One clean run of a scenario: how it ended, every AWS call of its functions, and the Task states it invoked. */
export interface CleanRun {
  readonly scenario: Scenario;
  readonly outcome: RunOutcome;
  readonly calls: readonly TracedCall[];
  readonly invoked: readonly string[];
}

/** A clean run of each scenario, in the order of SCENARIOS (full first): together they reach every Task state. */
export async function cleanRuns(lab: TracedLab): Promise<CleanRun[]> {
  const runs: CleanRun[] = [];
  for (const scenario of SCENARIOS) {
    lab.tracer.reset();
    const first = invokedCallers.length;
    const { outcome } = await lab.start('--scenario', scenario);
    runs.push({ scenario, outcome, calls: [...lab.tracer.calls], invoked: invokedCallers.slice(first) });
  }
  return runs;
}

/** Where a Task state is failed: the first scenario that runs it, and its points there (none when it calls no AWS API). */
export function statePlan(state: TaskState, runs: readonly CleanRun[], coverage: Coverage): { scenario?: Scenario; points: InjectionPoint[] } {
  const run = runs.find((clean) => clean.invoked.includes(state.name));
  return { scenario: run?.scenario, points: run ? injectionPoints(state, run.calls, coverage) : [] };
}

/** What one run with a failure injected at one point did. */
export interface FaultRun {
  readonly point: InjectionPoint;
  readonly code: string;
  readonly message: string;
  /** How many times the call at the point was made and failed (1 when the point was reached). */
  readonly hits: number;
  readonly result: CliResult;
  readonly outcome: RunOutcome;
  readonly leftovers: RunLeftovers;
}

/** `vpce-lab start --scenario <scenario>` with the call at `point` refused by the cloud, and what is left of the run after it ended. */
export async function runWithFailureAt(lab: TracedLab, point: InjectionPoint, scenario: Scenario): Promise<FaultRun> {
  const fault = accessDenied(point);
  lab.cloud.runtime.faults.clear();
  lab.tracer.injectAt(point, fault);
  try {
    const { result, outcome } = await lab.start('--scenario', scenario);
    return { point, code: fault.code, message: fault.message ?? '', hits: lab.tracer.hits, result, outcome, leftovers: await lab.leftovers(outcome.runId) };
  } finally {
    lab.tracer.reset();
    lab.cloud.runtime.faults.clear();
  }
}
