import type { RunOutcome } from '../../../cli/run-outcome';
import { SCENARIOS, type Scenario } from '../../../functions/lab/lab-run';
import type { CliResult } from '../../support/cli-runner';
import { continuedGuidedRun } from '../../support/guided-runs';
import { handlerSdkCalls } from '../../support/handler-sdk-calls';
import { NOTHING_LEFT, type RunLeftovers } from '../../support/run-leftovers';
import { functionTaskStates, type TaskState } from './asl-task-states';
import { accessDenied, type InjectionPoint, type TracedCall } from './call-tracer';
import { invokedCallers } from './caller-context';
import { type Coverage, injectionPoints } from './injection-points';
import type { TracedLab } from './traced-lab';

/** The state machines whose Task states the matrix fails: the lab run, and the teardown it nests. */
export const MATRIX_MACHINES = ['lab-run', 'teardown'] as const;
export type MatrixMachine = (typeof MATRIX_MACHINES)[number];

/** One clean run of a scenario: how it ended, every AWS call of its functions, and the Task states it invoked. */
export interface CleanRun {
  readonly scenario: Scenario;
  /** A guided run (`start --guided`, continued at each pause at once): the only runs that reach the guided states. */
  readonly guided: boolean;
  readonly outcome: RunOutcome;
  readonly calls: readonly TracedCall[];
  readonly invoked: readonly string[];
  readonly leftovers: RunLeftovers;
}

/** A run of `scenario` through the CLI, guided (continued at every pause) or straight through. */
const runOf = async (lab: TracedLab, scenario: Scenario, guided: boolean): Promise<{ result: CliResult; outcome: RunOutcome }> =>
  guided ? continuedGuidedRun(lab, '--scenario', scenario) : lab.start('--scenario', scenario);

/**
 * A clean run of each scenario, in the order of SCENARIOS (full first), then
 * a guided one of each: together they reach every Task state, the steps the
 * two share planned on the straight-through runs.
 */
export async function cleanRuns(lab: TracedLab): Promise<CleanRun[]> {
  const runs: CleanRun[] = [];
  for (const guided of [false, true]) {
    for (const scenario of SCENARIOS) {
      lab.tracer.reset();
      const first = invokedCallers.length;
      const { outcome } = await runOf(lab, scenario, guided);
      runs.push({ scenario, guided, outcome, calls: [...lab.tracer.calls], invoked: invokedCallers.slice(first), leftovers: await lab.leftovers(outcome.runId) });
    }
  }
  return runs;
}

/** What a lab left, one line per kind of resource: empty when nothing is left. */
export const leftoverProblems = (leftovers: RunLeftovers): string[] =>
  (Object.keys(NOTHING_LEFT) as (keyof RunLeftovers)[]).filter((kind) => leftovers[kind].length > 0).map((kind) => `left ${leftovers[kind].length} ${kind}: ${leftovers[kind].join(', ')}`);

/** Why a clean run is no baseline: it did not pass every lesson, or it left something. */
export const cleanRunProblems = (run: CleanRun): string[] =>
  [
    ...(run.outcome.status === 'SUCCEEDED' && run.outcome.report?.passed === true ? [] : [`ended ${run.outcome.status}${run.outcome.report?.passed === false ? ' with a lesson failed' : ''}`]),
    ...leftoverProblems(run.leftovers),
  ].map((problem) => `the clean ${run.guided ? 'guided ' : ''}${run.scenario} run ${problem}`);

/** One Task state of the matrix: where it runs, what its handler's code calls, and where it is failed. */
export interface StatePlan {
  readonly machine: MatrixMachine;
  readonly state: TaskState;
  /** The first scenario whose clean run invoked the state. */
  readonly scenario?: Scenario;
  /** Whether that run was guided: the state is then failed in a guided run. */
  readonly guided: boolean;
  /** The AWS calls its handler's code makes (IAM actions), known from the bundle, not from a trace. */
  readonly sdkCalls: readonly string[];
  readonly points: InjectionPoint[];
  /** Why the plan for this state cannot be trusted; empty when it can. */
  readonly problems: string[];
}

/**
 * The matrix for every Task state of lab-run and teardown. A state whose
 * handler calls AWS but had no call traced in the clean runs, or had calls
 * traced that its handler cannot make, is a problem of the plan: the
 * tracer does not see the clients that handler uses, and failing "each of
 * its calls" would try nothing.
 */
export function matrixPlan(runs: readonly CleanRun[], coverage: Coverage): StatePlan[] {
  const sdkCallsOf = handlerSdkCalls();
  return MATRIX_MACHINES.flatMap((machine) =>
    functionTaskStates(machine).map((state): StatePlan => {
      const sdkCalls = sdkCallsOf.get(state.functionId ?? '') ?? [];
      const run = runs.find((clean) => clean.invoked.includes(state.name));
      const traced = run?.calls.filter((call) => call.caller === state.name) ?? [];
      const strays = [...new Set(traced.map((call) => `${call.service}:${call.action}`))].filter((action) => !sdkCalls.includes(action));
      const problems = [
        ...(run ? [] : [`${state.name} ran in no scenario's clean run`]),
        ...(run && sdkCalls.length > 0 && traced.length === 0
          ? [`${state.name}: its handler calls ${sdkCalls.join(', ')}, but none of its calls was traced in the clean ${run.scenario} run (the tracer does not see the clients it uses)`]
          : []),
        ...(strays.length > 0 ? [`${state.name}: calls its handler cannot make were traced to it: ${strays.join(', ')}`] : []),
      ];
      return { machine, state, scenario: run?.scenario, guided: run?.guided ?? false, sdkCalls, points: run ? injectionPoints(state, run.calls, coverage) : [], problems };
    }),
  );
}

/** What one run with a failure injected at one point did. */
export interface FaultRun {
  readonly machine: MatrixMachine;
  readonly scenario: Scenario;
  readonly guided: boolean;
  readonly point: InjectionPoint;
  readonly code: string;
  readonly message: string;
  /** How many times the call at the point was made and failed (1 when the point was reached). */
  readonly hits: number;
  readonly result: CliResult;
  readonly outcome: RunOutcome;
}

/** Where a fault run's problem happened, as a line of the matrix names it. */
export const faultRunName = (run: Pick<FaultRun, 'point' | 'scenario' | 'guided'>): string =>
  `${run.point.action} #${run.point.occurrence + 1} of ${run.point.state} (${run.guided ? 'guided ' : ''}${run.scenario})`;

/**
 * What a failure at one point must come to: the call was made and refused
 * once, `vpce-lab start` (for a guided run, the `next` that went on to the
 * failing step) exits 1, and the run ends FAILED with the refusal
 * as its error (lab-run's states; a failed nested teardown is
 * `States.TaskFailed`) and its message in the cause.
 */
export function faultRunProblems(run: FaultRun): string[] {
  const error = run.machine === 'lab-run' ? run.code : 'States.TaskFailed';
  return [
    ...(run.hits === 1 ? [] : [`the call at the point was refused ${run.hits} times, not once`]),
    ...(run.result.code === 1 ? [] : [`vpce-lab start exited ${run.result.code}, not 1`]),
    ...(run.outcome.status === 'FAILED' && run.outcome.error === error ? [] : [`the run ended ${run.outcome.status} ${run.outcome.error ?? ''}, not FAILED ${error}`]),
    ...((run.outcome.cause ?? '').includes(run.message) ? [] : [`the cause does not carry the refusal: ${(run.outcome.cause ?? '(none)').slice(0, 300)}`]),
  ];
}

/** `vpce-lab start --scenario <scenario>` (guided when the plan is) with the call at `point` refused by the cloud. */
export async function runWithFailureAt(lab: TracedLab, plan: StatePlan, point: InjectionPoint): Promise<FaultRun> {
  const fault = accessDenied(point);
  const scenario = plan.scenario ?? 'full';
  lab.cloud.runtime.faults.clear();
  lab.tracer.injectAt(point, fault);
  try {
    const { result, outcome } = await runOf(lab, scenario, plan.guided);
    return { machine: plan.machine, scenario, guided: plan.guided, point, code: fault.code, message: fault.message ?? '', hits: lab.tracer.hits, result, outcome };
  } finally {
    lab.tracer.reset();
    lab.cloud.runtime.faults.clear();
  }
}

/**
 * One point of the matrix, run and checked: the fault run's problems, then
 * what is left of it (after `vpce-lab teardown <run>` when the failure was in
 * the teardown itself, which lab-run does not retry). No problems when it held.
 */
export async function failAt(lab: TracedLab, plan: StatePlan, point: InjectionPoint): Promise<{ problems: string[]; leftovers: RunLeftovers }> {
  const run = await runWithFailureAt(lab, plan, point);
  const problems = faultRunProblems(run);
  if (run.machine === 'teardown') {
    const { code } = await lab.cli('teardown', run.outcome.runId);
    if (code !== 0) problems.push(`vpce-lab teardown ${run.outcome.runId} exited ${code}`);
  }
  const leftovers = await lab.leftovers(run.outcome.runId);
  problems.push(...leftoverProblems(leftovers));
  return { problems: problems.map((problem) => `${faultRunName(run)}: ${problem}`), leftovers };
}
