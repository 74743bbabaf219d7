import type { Scenario } from '../functions/lab/lab-run';
import { batchBound } from '../statemachine/batch-bound';
import type { BenchResults, ScenarioResult } from './bench-results';
import { criticalPath, scenarioSteps } from '../statemachine/critical-path';
import type { Phase } from '../statemachine/lab-graph';

type Batch = BenchResults['concurrency'][number];

/** What the benchmark set out to measure: a run of each scenario, and a batch of each size. */
export interface BenchPlan {
  readonly scenarios: readonly Scenario[];
  readonly concurrency: readonly number[];
}

/** A figure as latest.json names it under its subject, and what a value that was really measured looks like. */
interface Figure<T> {
  readonly name: string;
  readonly read: (subject: T) => unknown;
  readonly measured: (value: unknown, subject: T) => boolean;
  readonly expected: string;
}

// NaN and Infinity fail too: they are what an average or a ratio over nothing comes to.
const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const count = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const nonEmpty = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0);
const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((sum, calls) => sum + calls, 0);

/** The calls the lab graph has every run of a scenario make, build and teardown: a run that finished made at least these. */
function callsEveryRunMakes(scenario: Scenario): Map<string, number> {
  const calls = new Map<string, number>();
  for (const step of [...scenarioSteps(scenario, 'build'), ...scenarioSteps(scenario, 'teardown')]) {
    for (const [action, made] of Object.entries(step.calls ?? {})) calls.set(action, (calls.get(action) ?? 0) + made);
  }
  return calls;
}

/** The actions counted fewer times than `runs` finished runs make them: runs the counts did not take in. Empty when none. */
const shortfalls = (scenario: Scenario, runs: number, callsByAction: Readonly<Record<string, number>>): string =>
  [...callsEveryRunMakes(scenario)]
    .filter(([action, made]) => (callsByAction[action] ?? 0) < made * runs)
    .map(([action, made]) => `${action} ${callsByAction[action] ?? 0} of ${made * runs}`)
    .join(', ');

// The workflow learns that AWS is done only by polling, so a lab that waits on AWS has loops that polled.
const waitsOnAws = (scenario: Scenario): boolean => criticalPath(scenario, 'build').boundSeconds + criticalPath(scenario, 'teardown').boundSeconds > 0;

/** The calls a run or batch counted: in all, and by action, at least those of the runs that finished. */
const callFigures = <T extends { readonly scenario: Scenario; readonly callsByAction: Readonly<Record<string, number>> }>(
  name: string,
  counted: (subject: T) => number,
  finishedRuns: (subject: T) => number,
): Figure<T>[] => [
  { name, read: counted, measured: (calls, subject) => positive(calls) && calls === total(subject.callsByAction), expected: 'a count above 0, the sum of callsByAction' },
  {
    name: 'callsByAction',
    read: (subject) => shortfalls(subject.scenario, finishedRuns(subject), subject.callsByAction),
    measured: (short) => short === '',
    expected: 'at least the calls the lab graph has each finished run make (fewer runs measured than planned)',
  },
];

const SUCCEEDED: Omit<Figure<unknown>, 'name' | 'read'> = { measured: (status) => status === 'SUCCEEDED', expected: 'SUCCEEDED: a run that did not finish measured part of the lab' };

const phaseFigures = (phase: Phase): Figure<ScenarioResult>[] => [
  { name: `${phase}.makespanSeconds`, read: (run) => run[phase].makespanSeconds, measured: positive, expected: 'a duration above 0' },
  { name: `${phase}.ratio`, read: (run) => run[phase].ratio, measured: positive, expected: 'a finite ratio above 0 (makespan over a bound above 0)' },
  { name: `${phase}.criticalPath`, read: (run) => run[phase].criticalPath, measured: nonEmpty, expected: 'the steps of the bound\'s critical chain' },
];

const SCENARIO_FIGURES: readonly Figure<ScenarioResult>[] = [
  { name: 'status', read: (run) => run.status, ...SUCCEEDED },
  ...phaseFigures('build'),
  ...phaseFigures('teardown'),
  { name: 'stateTransitions', read: (run) => run.stateTransitions, measured: positive, expected: 'the transitions the cloud counted, above 0' },
  { name: 'lambdaInvocations', read: (run) => run.lambdaInvocations, measured: positive, expected: 'the invocations the cloud counted, above 0' },
  // A run that did not finish may have stopped before any of the calls; its status is reported instead.
  ...callFigures<ScenarioResult>('awsCalls', (run) => run.awsCalls, (run) => (run.status === 'SUCCEEDED' ? 1 : 0)),
  {
    name: 'iam.calls',
    read: (run) => run.iam.calls,
    measured: (calls, run) => positive(calls) && calls === run.awsCalls,
    expected: 'every AWS call of the run authorized by IAM (as many as awsCalls)',
  },
  { name: 'iam.refused', read: (run) => run.iam.refused, measured: (refused, run) => refused === 0 || run.status !== 'SUCCEEDED', expected: '0: a clean run is refused nothing' },
  { name: 'cost.totalUsd', read: (run) => run.cost.totalUsd, measured: positive, expected: 'a price above 0' },
  { name: 'cost.gbSeconds', read: (run) => run.cost.gbSeconds, measured: positive, expected: 'the Lambda time the histories show, above 0' },
  {
    name: 'waitLoops',
    read: (run) => run.waitLoops,
    measured: (loops, run) => nonEmpty(loops) || !waitsOnAws(run.scenario),
    expected: 'the loops that polled: this lab waits on AWS',
  },
];

const BATCH_FIGURES: readonly Figure<Batch>[] = [
  { name: 'makespanSeconds', read: (batch) => batch.makespanSeconds, measured: positive, expected: 'a duration above 0' },
  { name: 'slowestRunSeconds', read: (batch) => batch.slowestRunSeconds, measured: positive, expected: 'a duration above 0' },
  { name: 'medianRunSeconds', read: (batch) => batch.medianRunSeconds, measured: positive, expected: 'a duration above 0' },
  { name: 'timesOneRun', read: (batch) => batch.timesOneRun, measured: positive, expected: 'a finite ratio above 0' },
  { name: 'timesBound', read: (batch) => batch.timesBound, measured: positive, expected: 'a finite ratio above 0' },
  // The batch reports the runs it planned, not the runs it measured: their calls tell how many it took in.
  ...callFigures<Batch>('calls', (batch) => batch.calls, (batch) => batch.runs - batch.failedRuns),
  {
    name: 'throttledCalls',
    // Where a bucket sets the batch bound, the runs ask it for more than it holds; a batch that small AWS leaves alone may have none.
    read: (batch) => batch.throttledCalls,
    measured: (throttled, batch) => count(throttled) && (throttled > 0 || batchBound(batch.scenario, batch.runs).bucket === undefined),
    expected: "throttled calls: AWS's buckets bound this batch",
  },
  {
    name: 'endpointsCreated',
    read: (batch) => batch.endpointsCreated,
    measured: (created, batch) => count(created) && created >= (batch.runs - batch.failedRuns) * (callsEveryRunMakes(batch.scenario).get('ec2:CreateVpcEndpoint') ?? 0),
    expected: 'at least the endpoints its finished runs created',
  },
  {
    name: 'failedRuns',
    read: (batch) => batch.failedRuns,
    measured: (failed, batch) => count(failed) && failed <= batch.runs && failed === batch.failures.length,
    expected: 'a count of its runs, one failure listed each',
  },
  { name: 'left', read: (batch) => batch.left, measured: nonEmpty, expected: 'the resources counted after the batch' },
  {
    name: 'resourcesLeft',
    read: (batch) => batch.resourcesLeft,
    measured: (left, batch) => count(left) && left === total(batch.left),
    expected: 'the sum of left',
  },
  { name: 'cpuBusy', read: (batch) => batch.cpuBusy, measured: positive, expected: 'a CPU share above 0' },
];

const RESULT_FIGURES: readonly Figure<BenchResults>[] = [
  { name: 'overhead.benchPeakRssMb', read: (results) => results.overhead.benchPeakRssMb, measured: positive, expected: 'a size above 0' },
  { name: 'overhead.cloud.describeP50Ms', read: (results) => results.overhead.cloud.describeP50Ms, measured: positive, expected: 'a latency above 0' },
  {
    name: 'overhead.cloud.describeP99Ms',
    read: (results) => results.overhead.cloud.describeP99Ms,
    measured: (p99, results) => positive(p99) && p99 >= results.overhead.cloud.describeP50Ms,
    expected: 'a latency above 0, no less than p50',
  },
  { name: 'overhead.cloud.describeCallsPerSecond', read: (results) => results.overhead.cloud.describeCallsPerSecond, measured: positive, expected: 'a rate above 0' },
  // Its time and memory are those of a full lab only if the lab finished.
  { name: 'overhead.startCommand.status', read: (results) => results.overhead.startCommand.status, ...SUCCEEDED },
  { name: 'overhead.startCommand.wallSeconds', read: (results) => results.overhead.startCommand.wallSeconds, measured: positive, expected: 'a duration above 0' },
  // peak-rss.js reports from each process as it exits: 0 is none reported.
  { name: 'overhead.startCommand.commandPeakRssMb', read: (results) => results.overhead.startCommand.commandPeakRssMb, measured: positive, expected: 'a size above 0' },
  { name: 'overhead.startCommand.serverPeakRssMb', read: (results) => results.overhead.startCommand.serverPeakRssMb, measured: positive, expected: 'a size above 0' },
  {
    name: 'overhead.iam.statuses',
    read: (results) => results.overhead.iam.statuses,
    measured: (statuses, results) => Array.isArray(statuses) && statuses.length === 2 * results.overhead.iam.pairs && statuses.every((status) => status === 'SUCCEEDED'),
    expected: 'every run of each pair SUCCEEDED: a comparison of finished runs',
  },
  { name: 'overhead.iam.withIamSeconds', read: (results) => results.overhead.iam.withIamSeconds, measured: positive, expected: 'a duration above 0' },
  { name: 'overhead.iam.withoutIamSeconds', read: (results) => results.overhead.iam.withoutIamSeconds, measured: positive, expected: 'a duration above 0' },
  { name: 'overhead.iam.extraShare', read: (results) => results.overhead.iam.extraShare, measured: (share) => Number.isFinite(share), expected: 'a finite share' },
  { name: 'overhead.iam.usage.calls', read: (results) => results.overhead.iam.usage.calls, measured: positive, expected: 'the calls IAM decided, above 0' },
  { name: 'overhead.iam.usage.milliseconds', read: (results) => results.overhead.iam.usage.milliseconds, measured: positive, expected: 'time spent deciding, above 0' },
  { name: 'overhead.iam.loadMilliseconds', read: (results) => results.overhead.iam.loadMilliseconds, measured: positive, expected: 'the time the Service Authorization Reference took to read, above 0' },
  { name: 'benchSeconds', read: (results) => results.benchSeconds, measured: positive, expected: 'a duration above 0' },
];

const shown = (value: unknown): string => (value === undefined ? 'missing' : typeof value === 'object' ? JSON.stringify(value) : String(value));

function check<T>(where: string, subject: T, figures: readonly Figure<T>[]): string[] {
  return figures.flatMap(({ name, read, measured, expected }) => {
    const value = read(subject);
    return measured(value, subject) ? [] : [`${where}${name} is ${shown(value)}; expected ${expected}`];
  });
}

/** Each planned subject's figures, or one line for a subject the results lack. */
function checkPlanned<K, T>(where: (key: K) => string, planned: readonly K[], present: readonly T[], keyOf: (subject: T) => K, figures: readonly Figure<T>[]): string[] {
  return planned.flatMap((key) => {
    const subject = present.find((candidate) => keyOf(candidate) === key);
    return subject === undefined ? [`${where(key)} is missing; expected it measured`] : check(`${where(key)}.`, subject, figures);
  });
}

/** One line for each figure the results report that was not really measured; none when all were. */
export function unmeasuredFigures(results: BenchResults, plan: BenchPlan): string[] {
  return [
    ...checkPlanned((scenario) => `scenarios[${scenario}]`, plan.scenarios, results.scenarios, (run) => run.scenario, SCENARIO_FIGURES),
    ...checkPlanned((runs) => `concurrency[runs=${runs}]`, plan.concurrency, results.concurrency, (batch) => batch.runs, BATCH_FIGURES),
    ...check('', results, RESULT_FIGURES),
  ];
}
