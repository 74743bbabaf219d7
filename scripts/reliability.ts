/**
 * `npm run reliability`: the whole reliability matrix on the local cloud, with
 * the figures it comes to. `npm test` (test/reliability/) runs a subset of
 * each part with the same drivers; this runs all of it:
 * - a failure injected at every mutating AWS call of every Task state of
 *   lab-run and of teardown (and at the first call of a state that only reads);
 * - every scenario with 30% of calls throttled, and with eventual consistency;
 * - every scenario with each handler run twice per invocation;
 * - the local cloud process killed at ten points of a build and restarted;
 * - 20,000 hostile requests and 200 streams of non-HTTP bytes;
 * - 5,000 bad connection notifications to AcceptConnection, 1,000 through SNS;
 * - every bad command line of the table.
 * Exits 1 when a figure that must be zero is not, or any check fails.
 */
// First, before any module makes its logger: the lab steps' CloudWatch-bound logs would bury the figures.
import '../test/support/quiet-logs.js';
import { isDeepStrictEqual } from 'node:util';
import { SCENARIOS } from '../functions/lab/lab-run';
import { vpceLab } from '../test/support/cli-runner';
import { startE2eLab } from '../test/support/e2e-lab';
import type { RunLeftovers } from '../test/support/run-leftovers';
import { AcceptTarget } from '../test/reliability/support/accept-target';
import { functionTaskStates } from '../test/reliability/support/asl-task-states';
import { BAD_VALUE_LINES, MALFORMED_LINES, refusalProblem } from '../test/reliability/support/cli-bad-input';
import { eventualConsistency, throttling } from '../test/reliability/support/conditions';
import { CrashedLocalCloud, type CrashPoint } from '../test/reliability/support/crash-restart';
import { cleanRuns, runWithFailureAt, statePlan } from '../test/reliability/support/fault-runs';
import { seedForeignResources, settledForeign, touchedForeign } from '../test/reliability/support/foreign-resources';
import { doubledRun, TASK_STATES } from '../test/reliability/support/held-runs';
import { HostileTarget } from '../test/reliability/support/hostile-target';
import { everyScenarioUnder, passedAndClean, type ScenarioSummary } from '../test/reliability/support/scenario-runs';
import { seededRandom, seedOf } from '../test/reliability/support/seeded-random';
import { startTracedLab } from '../test/reliability/support/traced-lab';

const HOSTILE_REQUESTS = 20_000;
const RAW_STREAMS = 200;
const BAD_NOTIFICATIONS = 5_000;
const BAD_NOTIFICATIONS_THROUGH_SNS = 1_000;
const CRASH_POINTS: CrashPoint[] = Array.from({ length: 10 }, (_, i) => ({ share: 0.05 + i * 0.1, recovery: i % 2 === 0 ? 'teardown' : 'cleanup' }));

const figures = { injectionPoints: 0, runsCompleted: 0, resourcesLeaked: 0, foreignTouched: 0, hostileRequests: 0, serverCrashes: 0 };
/** What each part found, beside the figures, for the lines printed under them. */
const notes: string[] = [];
const failures: string[] = [];

const check = (holds: boolean, what: string): void => {
  if (!holds) failures.push(what);
};
const leaked = (leftovers: RunLeftovers): number => Object.values(leftovers).flat().length;

async function faultMatrix(): Promise<void> {
  const lab = await startTracedLab();
  try {
    const foreign = await seedForeignResources(lab, 200);
    const before = await settledForeign(lab, foreign);
    const clean = await cleanRuns(lab);
    for (const run of clean) {
      figures.runsCompleted++;
      check(run.outcome.status === 'SUCCEEDED' && run.outcome.report?.passed === true, `fault matrix: the clean ${run.scenario} run ${run.outcome.status}`);
      figures.resourcesLeaked += leaked(await lab.leftovers(run.outcome.runId));
    }
    let states = 0;
    for (const machine of ['lab-run', 'teardown'] as const) {
      for (const state of functionTaskStates(machine)) {
        states++;
        const { scenario, points } = statePlan(state, clean, 'every');
        check(scenario !== undefined, `fault matrix: ${state.name} ran in no scenario`);
        for (const point of points) {
          const run = await runWithFailureAt(lab, point, scenario ?? 'full');
          figures.injectionPoints++;
          figures.runsCompleted++;
          const error = machine === 'lab-run' ? run.code : 'States.TaskFailed';
          const where = `fault matrix: ${point.action} #${point.occurrence + 1} of ${point.state} (${scenario})`;
          check(run.hits === 1, `${where}: the call was made ${run.hits} times`);
          check(run.outcome.status === 'FAILED' && run.outcome.error === error, `${where}: the run ended ${run.outcome.status} ${run.outcome.error}, not FAILED ${error}`);
          check((run.outcome.cause ?? '').includes(run.message), `${where}: the cause does not carry the refusal`);
          if (machine === 'teardown') check((await lab.cli('teardown', run.outcome.runId)).code === 0, `${where}: vpce-lab teardown failed`);
          figures.resourcesLeaked += leaked(await lab.leftovers(run.outcome.runId));
        }
      }
    }
    figures.foreignTouched += touchedForeign(before, await settledForeign(lab, foreign)).length;
    notes.push(`fault matrix: ${figures.injectionPoints} injection points over ${states} Task states (lab-run and teardown), one run each`);
  } finally {
    await lab.close();
  }
}

function tallyScenarios(part: string, summaries: ScenarioSummary[]): void {
  for (const summary of summaries) {
    const { affected: _affected, calls: _calls, ...outcome } = summary;
    figures.runsCompleted++;
    figures.resourcesLeaked += summary.leftovers;
    figures.foreignTouched += summary.touched.length;
    check(isDeepStrictEqual(outcome, passedAndClean(summary.scenario)), `${part}: ${summary.scenario} ended ${JSON.stringify(outcome).slice(0, 600)}`);
  }
  const affected = summaries.reduce((sum, summary) => sum + summary.affected, 0);
  const calls = summaries.reduce((sum, summary) => sum + summary.calls, 0);
  notes.push(`${part}: every scenario passed; ${affected} of ${calls} AWS calls (${Math.round((100 * affected) / calls)}%) affected`);
}

async function doubledHandlers(): Promise<void> {
  const lab = await startTracedLab();
  try {
    const foreign = await seedForeignResources(lab, 200);
    const before = await settledForeign(lab, foreign);
    const ranTwice = new Set<string>();
    for (const scenario of SCENARIOS) {
      const run = await doubledRun(lab, scenario);
      figures.runsCompleted += 2;
      figures.resourcesLeaked += leaked(run.leftovers);
      for (const state of run.ranTwice) ranTwice.add(state);
      check(isDeepStrictEqual(run.twice, run.once), `idempotency: ${scenario} built ${JSON.stringify(run.twice)} with each handler run twice, ${JSON.stringify(run.once)} once`);
      check(isDeepStrictEqual(run.teardowns, [0, 0]), `idempotency: ${scenario} teardowns exited ${run.teardowns.join(', ')}`);
    }
    const missed = TASK_STATES().filter((state) => !ranTwice.has(state));
    check(missed.length === 0, `idempotency: never run twice: ${missed.join(', ')}`);
    figures.foreignTouched += touchedForeign(before, await settledForeign(lab, foreign)).length;
    notes.push(`idempotency: ${ranTwice.size} Task states run twice per invocation, same resources by tag in every scenario`);
  } finally {
    await lab.close();
  }
}

async function crashes(): Promise<void> {
  const cloud = await CrashedLocalCloud.start();
  try {
    figures.runsCompleted++;
    for (const point of CRASH_POINTS) {
      const outcome = await cloud.crashAt(point);
      const where = `crash after ${Math.round(point.share * 100)}% of a build (${point.recovery})`;
      figures.runsCompleted++;
      figures.resourcesLeaked += leaked(outcome.leftovers);
      if (outcome.killedBy !== 'SIGKILL') figures.serverCrashes++;
      check(outcome.stateFile === 'vpce-lab/local-cloud-state@1', `${where}: state file: ${outcome.stateFile}`);
      check(outcome.after.status === 'FAILED' && outcome.after.error === 'States.Runtime', `${where}: the run shows ${outcome.after.status} ${outcome.after.error}`);
      check(outcome.recovery.code === 0, `${where}: vpce-lab ${point.recovery} exited ${outcome.recovery.code}`);
    }
    const { touched, exit } = await cloud.finish();
    figures.foreignTouched += touched.length;
    if (exit.code !== 0) figures.serverCrashes++;
    notes.push(`crash and restart: ${CRASH_POINTS.length} SIGKILLs mid-build (${cloud.buildCalls} AWS calls in a build), state file intact, every run removed`);
  } finally {
    await cloud.stop();
  }
}

async function hostileInput(): Promise<void> {
  const target = await HostileTarget.start();
  try {
    figures.runsCompleted++;
    const before = await target.settledState();
    for (const outcome of [await target.hostile('reliability/hostile', HOSTILE_REQUESTS), await target.garbage('reliability/raw', RAW_STREAMS)]) {
      figures.hostileRequests += outcome.sent;
      failures.push(...outcome.problems.slice(0, 20).map((problem) => `hostile input: ${problem}`));
    }
    check(await target.stillServing(), 'hostile input: the server stopped serving');
    check(isDeepStrictEqual(target.stateDocument(), before), 'hostile input: the state document changed');
    notes.push(`hostile input: ${HOSTILE_REQUESTS} malformed requests and ${RAW_STREAMS} non-HTTP streams, all refused with a 4xx; state unchanged`);
  } finally {
    const { code } = await target.stop();
    if (code !== 0) figures.serverCrashes++;
  }
}

async function badNotifications(): Promise<void> {
  const target = await AcceptTarget.start();
  try {
    const before = await target.connections();
    const direct = await target.badEvents('reliability/notifications', BAD_NOTIFICATIONS);
    failures.push(...direct.thrown.slice(0, 20).map((thrown) => `auto-accept: threw on ${thrown}`));
    check(direct.decided.length === 0, `auto-accept: decided ${direct.decided.length} bad notifications`);
    target.publishBadMessages('reliability/notifications-sns', BAD_NOTIFICATIONS_THROUGH_SNS);
    // Deliveries run on the cloud's clock: done once it has answered no call for a while.
    let calls = -1;
    while (calls !== target.lab.cloud.journal.list().length) {
      calls = target.lab.cloud.journal.list().length;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    check(target.lab.logs.length === 0, `auto-accept: failed SNS deliveries: ${target.lab.logs.slice(0, 3).join('; ')}`);
    check(target.decisions().length === 0, 'auto-accept: a bad notification led to a decision');
    check(isDeepStrictEqual(await target.connections(), before), 'auto-accept: a connection changed');
    notes.push(`auto-accept: ${BAD_NOTIFICATIONS} bad events (${direct.records} records) to the handler and ${BAD_NOTIFICATIONS_THROUGH_SNS} through SNS: none thrown, none acted on`);
  } finally {
    await target.lab.lab.close();
  }
}

async function badCommandLines(): Promise<void> {
  const lab = await startE2eLab();
  // A command that got past its checks would talk to this cloud, and show in its journal.
  const endpointBefore = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = lab.cloud.endpoint;
  try {
    lab.cloud.journal.clear();
    const lines = [...BAD_VALUE_LINES, ...MALFORMED_LINES];
    for (const line of lines) {
      const problem = refusalProblem(line, await vpceLab(...line.args));
      if (problem) failures.push(`CLI input: ${problem}`);
    }
    check(lab.cloud.journal.list().length === 0, 'CLI input: a refused command line reached the cloud');
    notes.push(`CLI input: ${lines.length} bad command lines, each refused with exit 2 and a message; nothing started`);
  } finally {
    process.env.AWS_ENDPOINT_URL = endpointBefore;
    await lab.lab.close();
  }
}

async function timed(part: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  process.stdout.write(`${part}...`);
  await run();
  process.stdout.write(` ${Math.round((Date.now() - started) / 1000)} s\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  await timed('fault matrix', faultMatrix);
  await timed('throttling', async () => tallyScenarios('throttling (30%)', await everyScenarioUnder(throttling((scenario) => seededRandom(seedOf(`reliability/${scenario}`))))));
  await timed('eventual consistency', async () => tallyScenarios('eventual consistency', await everyScenarioUnder(eventualConsistency)));
  await timed('idempotency', doubledHandlers);
  await timed('crash and restart', crashes);
  await timed('hostile input', hostileInput);
  await timed('auto-accept', badNotifications);
  await timed('CLI input', badCommandLines);

  const minutes = Math.floor((Date.now() - started) / 60_000);
  const seconds = Math.round(((Date.now() - started) % 60_000) / 1000);
  const row = (label: string, value: number) => `  ${label.padEnd(28)}${String(value).padStart(8)}`;
  process.stdout.write(
    [
      '',
      `vpce-lab reliability matrix, ${new Date().toISOString().slice(0, 10)}, ${minutes} min ${seconds} s`,
      row('injection points tried', figures.injectionPoints),
      row('runs completed', figures.runsCompleted),
      row('resources leaked', figures.resourcesLeaked),
      row('foreign resources touched', figures.foreignTouched),
      row('hostile requests sent', figures.hostileRequests),
      row('server crashes', figures.serverCrashes),
      '',
      ...notes.map((note) => `  ${note}`),
      '',
      failures.length === 0 ? 'Every check held.' : `${failures.length} check(s) failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`,
      '',
    ].join('\n'),
  );
  const mustBeZero = figures.resourcesLeaked + figures.foreignTouched + figures.serverCrashes;
  return failures.length === 0 && mustBeZero === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`reliability matrix aborted: ${Error.isError(error) ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
