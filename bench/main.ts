import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { orchestrationCost } from '../cli/cost/orchestration-cost';
import { timelineSvg } from '../cli/render/timeline-svg';
import { SCENARIOS, type Scenario } from '../functions/lab/lab-run';
import { mostRunsWithin } from '../statemachine/batch-bound';
import { type BenchLab, startBenchLab } from './bench-lab';
import type { BenchResults, PhaseResult, ScenarioResult, TargetResult } from './bench-results';
import { benchTable } from './bench-table';
import { measureCloudOverhead } from './cloud-overhead';
import { measureIamOverhead, usageSince } from './iam-overhead';
import { concurrentRuns } from './concurrency';
import { type CriticalPath, criticalPath, criticalStates } from '../statemachine/critical-path';
import type { Phase } from '../statemachine/lab-graph';
import { callsByAction, type MeasuredRun, runBatch } from './measure-runs';
import { measureStartCommand } from './npm-start';
import { measureStateGrowth, type StateGrowth, unmeasuredStateFigures } from './state-growth';
import { stateGrowthTable } from './state-growth-table';
import { unmeasuredFigures } from './unmeasured-figures';
import { waitLoops } from './wait-loops';

const RESULTS_DIR = resolve(__dirname, 'results');
const CONCURRENCY = [1, 10, 50];
/**
 * Many runs in this one process keep a core busy (cloud, Step Functions and
 * every Lambda share it), and its own work then stretches AWS's seconds:
 * the batches run at twice the time scale's length, where 50 runs leave the
 * core some room (its busy share is reported with each batch).
 */
const CONCURRENCY_SLOWDOWN = 2;
const percent = (share: number): string => `${(100 * share).toFixed(1)} %`;
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The benchmark's pace unless `--time-scale` says otherwise: twenty times
 * AWS's, a little slower than the local cloud's default (0.04), so that the
 * host's own work stays small beside the scaled waits it measures.
 */
const BENCH_TIME_SCALE = 0.05;

/** `--time-scale <f>`: the pace of the benchmark's clouds; AWS's durations times f. */
function timeScaleOption(argv: readonly string[]): number {
  const at = argv.indexOf('--time-scale');
  const value = at < 0 ? BENCH_TIME_SCALE : Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--time-scale wants a number above 0, got '${argv[at + 1]}'`);
  return value;
}

const phase = (path: CriticalPath, makespanSeconds: number): PhaseResult => ({
  boundSeconds: path.boundSeconds,
  makespanSeconds,
  ratio: makespanSeconds / path.boundSeconds,
  criticalPath: path.critical.map((planned) => planned.step.id),
});

async function measureScenario(bench: BenchLab, scenario: Scenario): Promise<{ result: ScenarioResult; run: MeasuredRun }> {
  const iamBefore = bench.lab.cloud.iam?.usage();
  const batch = await runBatch(bench, scenario, 1);
  const iam = usageSince(iamBefore, bench.lab.cloud.iam?.usage());
  const run = batch.runs[0]!;
  const calls = callsByAction(batch.calls);
  const result: ScenarioResult = {
    scenario,
    status: run.status,
    build: phase(criticalPath(scenario, 'build'), run.buildSeconds),
    teardown: phase(criticalPath(scenario, 'teardown'), run.teardownSeconds),
    stateTransitions: run.stateTransitions,
    lambdaInvocations: run.lambdaInvocations,
    awsCalls: batch.calls.length,
    callsByAction: calls,
    iam,
    cost: orchestrationCost(run.use),
    waitLoops: waitLoops(run.timeline.bars, bench.awsSeconds),
  };
  say(`  ${scenario}: build ${result.build.makespanSeconds.toFixed(1)} s (bound ${result.build.boundSeconds}), teardown ${result.teardown.makespanSeconds.toFixed(1)} s (bound ${result.teardown.boundSeconds})`);
  return { result, run };
}

/** The full run's timeline, its critical path marked, next to the results. */
function writeTimeline(run: MeasuredRun, timeScale: number): string {
  const critical = new Set([...criticalStates(criticalPath('full', 'build')), ...criticalStates(criticalPath('full', 'teardown'))]);
  const svg = timelineSvg(run.timeline, {
    title: `One full lab run (${run.runId}) on the local cloud, in AWS seconds (time scale ${timeScale})`,
    toSeconds: (ms) => ms / (1000 * timeScale),
    critical,
    bounds: { build: criticalPath('full', 'build').boundSeconds, teardown: criticalPath('full', 'teardown').boundSeconds },
  });
  const file = join(RESULTS_DIR, 'timeline-full.svg');
  writeFileSync(file, svg);
  return file;
}

function targets(results: Omit<BenchResults, 'targets' | 'benchSeconds'>): TargetResult[] {
  const full = results.scenarios.find((run) => run.scenario === 'full')!;
  const fifty = results.concurrency.find((batch) => batch.runs === 50);
  const loops = full.waitLoops.map((loop) => loop.shortestGapSeconds / loop.retryIntervalSeconds);
  const { startCommand, iam } = results.overhead;
  const ratio = (name: Phase) => full[name].ratio;
  return [
    { target: 'full build+verify <= 1.10 x bound', measured: `${ratio('build').toFixed(3)} x`, met: ratio('build') <= 1.1 },
    { target: 'full teardown <= 1.10 x bound', measured: `${ratio('teardown').toFixed(3)} x`, met: ratio('teardown') <= 1.1 },
    { target: '<= 150 state transitions, full run with teardown', measured: String(full.stateTransitions), met: full.stateTransitions <= 150 },
    {
      target: "no wait loop polls faster than its figure",
      measured: loops.length === 0 ? 'no loop polled twice' : `shortest poll gap ${Math.min(...loops).toFixed(2)} x its Retry interval`,
      met: loops.every((share) => share >= 0.99),
    },
    ...(fifty
      ? [
          { target: '50 concurrent runs: none failed', measured: String(fifty.failedRuns), met: fifty.failedRuns === 0 },
          { target: '50 concurrent runs: nothing left', measured: String(fifty.resourcesLeft), met: fifty.resourcesLeft === 0 },
          {
            target: '50 concurrent runs: batch <= 1.5 x one run',
            measured:
              `${fifty.timesOneRun.toFixed(2)} x; AWS's ${fifty.batchBound.bucket ?? ''} bucket allows no less than ` +
              `${(fifty.batchBound.seconds / fifty.batchBound.oneRunSeconds).toFixed(2)} x (1.5 x holds up to ${results.mostRunsWithinOneAndAHalf} runs)`,
            met: fifty.timesOneRun <= 1.5,
          },
          { target: '50 concurrent runs: batch <= 1.10 x its bound', measured: `${fifty.timesBound.toFixed(2)} x`, met: fifty.timesBound <= 1.1 },
        ]
      : []),
    {
      target: 'IAM enforced: a full run <= 5 % longer',
      measured: `${percent(iam.extraShare)} (${iam.withIamSeconds.toFixed(2)} s against ${iam.withoutIamSeconds.toFixed(2)} s, medians of ${iam.pairs}); ${percent(iam.inIamShare)} of it deciding`,
      met: iam.extraShare <= 0.05,
    },
    { target: 'npm start < 30 s wall', measured: `${startCommand.wallSeconds.toFixed(1)} s`, met: startCommand.wallSeconds < 30 },
    { target: 'npm start peak memory < 300 MB a process', measured: `${startCommand.peakRssMb.toFixed(0)} MB`, met: startCommand.peakRssMb < 300 },
  ];
}

/** The state's figures, in a file of their own beside latest.json, so that `--state-only` leaves the others' figures as they are. */
async function measureState(timeScale: number): Promise<StateGrowth> {
  say(`The state in SQLite, holding 1, 100 and 1,000 runs, at time scale ${timeScale}:`);
  const growth = await measureStateGrowth(timeScale, say);
  const file = join(RESULTS_DIR, 'state-growth.json');
  writeFileSync(file, `${JSON.stringify({ command: 'npm run bench:state', date: new Date().toISOString(), timeScale, machine: { cpus: availableParallelism(), node: process.version, platform: platform() }, ...growth }, null, 2)}\n`);
  process.stdout.write(stateGrowthTable(growth));
  say(`State results: ${file}`);
  return growth;
}

function failOnUnmeasuredState(growth: StateGrowth): void {
  const unmeasured = unmeasuredStateFigures(growth);
  if (unmeasured.length === 0) return;
  say(`bench: ${unmeasured.length} state ${unmeasured.length === 1 ? 'figure was' : 'figures were'} not measured:`);
  for (const line of unmeasured) say(`  ${line}`);
  process.exitCode = 1;
}

async function main(argv: readonly string[]): Promise<void> {
  const started = performance.now();
  const timeScale = timeScaleOption(argv);
  mkdirSync(RESULTS_DIR, { recursive: true });
  // `--state-only` (npm run bench:state): the state's figures alone, a few minutes instead of the whole benchmark's ten.
  if (argv.includes('--state-only')) {
    failOnUnmeasuredState(await measureState(timeScale));
    return;
  }

  say(`One run of each scenario at time scale ${timeScale}:`);
  const bench = await startBenchLab(timeScale);
  const iamLoadMilliseconds = bench.lab.cloud.iam?.usage().loadMilliseconds ?? 0;
  const scenarios: ScenarioResult[] = [];
  let fullRun: MeasuredRun | undefined;
  try {
    for (const scenario of SCENARIOS) {
      const { result, run } = await measureScenario(bench, scenario);
      scenarios.push(result);
      if (scenario === 'full') fullRun = run;
    }
  } finally {
    await bench.close();
  }
  if (fullRun) say(`  timeline: ${writeTimeline(fullRun, timeScale)}`);

  const concurrencyTimeScale = timeScale * CONCURRENCY_SLOWDOWN;
  say(`Concurrent full runs under AWS rate limits, at time scale ${concurrencyTimeScale}:`);
  const batches = [];
  for (const runs of CONCURRENCY) {
    const batch = await concurrentRuns(concurrencyTimeScale, 'full', runs);
    say(`  ${runs}: ${batch.makespanSeconds.toFixed(0)} s, ${batch.throttledCalls} throttled, ${batch.failedRuns} failed, ${batch.resourcesLeft} left`);
    batches.push(batch);
  }
  const oneRun = batches[0]!.makespanSeconds;
  const concurrency = batches.map((batch) => ({
    ...batch,
    timesOneRun: batch.makespanSeconds / oneRun,
    timesBound: batch.makespanSeconds / batch.batchBound.seconds,
  }));

  say('Overhead:');
  const cloud = await measureCloudOverhead();
  say(`  Describe p50 ${cloud.describeP50Ms.toFixed(2)} ms, p99 ${cloud.describeP99Ms.toFixed(2)} ms, ${cloud.describeCallsPerSecond.toFixed(0)}/s`);
  const startCommand = await measureStartCommand();
  say(`  npm start: ${startCommand.wallSeconds.toFixed(1)} s, ${startCommand.commandPeakRssMb.toFixed(0)} MB command, ${startCommand.serverPeakRssMb.toFixed(0)} MB local cloud`);
  const iam = await measureIamOverhead(timeScale, iamLoadMilliseconds);
  say(`  IAM: full run ${iam.withIamSeconds.toFixed(2)} s enforced, ${iam.withoutIamSeconds.toFixed(2)} s not; ${iam.usage.milliseconds.toFixed(0)} ms deciding ${iam.usage.calls} calls`);

  const measured = {
    command: `npm run bench${timeScale === BENCH_TIME_SCALE ? '' : ` -- --time-scale ${timeScale}`}`,
    date: new Date().toISOString(),
    timeScale,
    concurrencyTimeScale,
    machine: { cpus: availableParallelism(), node: process.version, platform: platform() },
    scenarios,
    concurrency,
    mostRunsWithinOneAndAHalf: mostRunsWithin('full', 1.5),
    overhead: { benchPeakRssMb: process.resourceUsage().maxRSS / 1024, cloud, startCommand, iam },
  };
  const results: BenchResults = { ...measured, targets: targets(measured), benchSeconds: (performance.now() - started) / 1000 };
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(benchTable(results));
  say(`Results: ${join(RESULTS_DIR, 'latest.json')}`);
  const growth = await measureState(timeScale);
  failOnUnmeasured(results);
  failOnUnmeasuredState(growth);
}

/** The results stay written, to be looked into; the run fails, as a figure nothing measured is no result. */
function failOnUnmeasured(results: BenchResults): void {
  const unmeasured = unmeasuredFigures(results, { scenarios: SCENARIOS, concurrency: CONCURRENCY });
  if (unmeasured.length === 0) return;
  say(`bench: ${unmeasured.length} ${unmeasured.length === 1 ? 'figure was' : 'figures were'} not measured:`);
  for (const line of unmeasured) say(`  ${line}`);
  process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${Error.isError(error) ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
