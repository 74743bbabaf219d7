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
 * - every bad command line of the table;
 * - the local cloud as a service: two starts at once on one data directory, a
 *   held run looked at with list and status, a second server refused on its
 *   directory and its server killed (SIGKILL), and Ctrl+C of start at points
 *   of a build.
 * Each figure is counted against what its driver planned to try: the run
 * exits 1 when one counted less than its plan (or planned nothing), when a
 * figure that must be zero is not, or when any check fails.
 */
// First, before any module makes its logger: the lab steps' CloudWatch-bound logs would bury the figures.
import '../test/support/quiet-logs.js';
import { isDeepStrictEqual } from 'node:util';
import { SCENARIOS } from '../functions/lab/lab-run';
import { STATE_FORMAT } from '../local/cloud/state-database';
import { vpceLab } from '../test/support/cli-runner';
import { startE2eLab } from '../test/support/e2e-lab';
import type { RunLeftovers } from '../test/support/run-leftovers';
import { AcceptTarget } from '../test/reliability/support/accept-target';
import { BAD_VALUE_LINES, MALFORMED_LINES, refusalProblem } from '../test/reliability/support/cli-bad-input';
import { eventualConsistency, leastThrottled, throttling } from '../test/reliability/support/conditions';
import { CrashedLocalCloud, type CrashPoint } from '../test/reliability/support/crash-restart';
import { cleanRunProblems, cleanRuns, failAt, matrixPlan } from '../test/reliability/support/fault-runs';
import { MatrixFigures } from '../test/reliability/support/matrix-figures';
import { seedForeignResources, settledForeign, touchedForeign } from '../test/reliability/support/foreign-resources';
import { doubledRun, TASK_STATES } from '../test/reliability/support/held-runs';
import { HostileTarget } from '../test/reliability/support/hostile-target';
import { everyScenarioUnder, passedAndClean, type ScenarioSummary } from '../test/reliability/support/scenario-runs';
import { seededRandom, seedOf } from '../test/reliability/support/seeded-random';
import { heldRunDisturbed, interruptedStart, type ServiceOutcome, serviceProblems, twoStartsAtOnce } from '../test/reliability/support/service-scenarios';
import { startTracedLab } from '../test/reliability/support/traced-lab';

const HOSTILE_REQUESTS = 20_000;
const RAW_STREAMS = 200;
const BAD_NOTIFICATIONS = 5_000;
const BAD_NOTIFICATIONS_THROUGH_SNS = 1_000;
/** Ctrl+C once this many steps of a gateway build finished (0: as soon as the run is named). */
const INTERRUPT_POINTS = [0, 2, 5, 8];
const HELD_RUN_LOOKS = 5;
const CRASH_POINTS: CrashPoint[] = Array.from({ length: 10 }, (_, i) => ({ share: 0.05 + i * 0.1, recovery: i % 2 === 0 ? 'teardown' : 'cleanup' }));

const planned = { kind: 'planned' } as const;
const zero = { kind: 'zero' } as const;
const figures = new MatrixFigures({
  'Task states traced': planned,
  'injection points tried': planned,
  'runs completed': planned,
  'throttled calls': planned,
  'consistency misses': planned,
  'handlers run twice': planned,
  'crashes injected (SIGKILL)': planned,
  'hostile requests sent': planned,
  'bad notifications turned away': planned,
  'bad command lines refused': planned,
  'service scenarios': planned,
  'Ctrl+C interruptions': planned,
  'resources leaked': zero,
  'foreign resources touched': zero,
  'server crashes': zero,
  'data directories served twice at once': zero,
});
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
    // Each scenario straight through, then guided (cleanRuns).
    figures.plan('runs completed', 2 * SCENARIOS.length);
    const clean = await cleanRuns(lab);
    for (const run of clean) {
      figures.count('runs completed');
      figures.count('resources leaked', leaked(run.leftovers));
      failures.push(...cleanRunProblems(run).map((problem) => `fault matrix: ${problem}`));
    }
    const plans = matrixPlan(clean, 'every');
    const points = plans.flatMap((plan) => plan.points.map((point) => ({ plan, point })));
    figures.plan('Task states traced', plans.filter((plan) => plan.sdkCalls.length > 0).length);
    figures.count('Task states traced', plans.filter((plan) => plan.sdkCalls.length > 0 && plan.problems.length === 0 && plan.points.length > 0).length);
    failures.push(...plans.flatMap((plan) => plan.problems).map((problem) => `fault matrix: ${problem}`));
    figures.plan('injection points tried', points.length);
    figures.plan('runs completed', points.length);
    for (const { plan, point } of points) {
      const { problems, leftovers } = await failAt(lab, plan, point);
      figures.count('injection points tried');
      figures.count('runs completed');
      figures.count('resources leaked', leaked(leftovers));
      failures.push(...problems.map((problem) => `fault matrix: ${problem}`));
    }
    figures.count('foreign resources touched', touchedForeign(before, await settledForeign(lab, foreign)).length);
    notes.push(`fault matrix: ${figures.counted('injection points tried')} injection points over ${plans.length} Task states (lab-run and teardown), one run each`);
  } finally {
    await lab.close();
  }
}

function tallyScenarios(part: string, affectedFigure: 'throttled calls' | 'consistency misses', least: (calls: number) => number, summaries: ScenarioSummary[]): void {
  figures.plan('runs completed', SCENARIOS.length);
  for (const summary of summaries) {
    const { affected: _affected, affectedServices: _services, calls: _calls, ...outcome } = summary;
    figures.count('runs completed');
    figures.count('resources leaked', summary.leftovers);
    figures.count('foreign resources touched', summary.touched.length);
    figures.plan(affectedFigure, least(summary.calls));
    figures.count(affectedFigure, summary.affected);
    // Each scenario must meet the condition itself: another scenario's share cannot stand in for it.
    check(summary.calls > 0 && summary.affected >= least(summary.calls), `${part}: ${summary.scenario} met it on ${summary.affected} of ${summary.calls} calls, fewer than ${least(summary.calls)}`);
    check(isDeepStrictEqual(outcome, passedAndClean(summary.scenario)), `${part}: ${summary.scenario} ended ${JSON.stringify(outcome).slice(0, 600)}`);
  }
  const affected = summaries.reduce((sum, summary) => sum + summary.affected, 0);
  const calls = summaries.reduce((sum, summary) => sum + summary.calls, 0);
  notes.push(`${part}: every scenario passed; ${affected} of ${calls} AWS calls (${Math.round((100 * affected) / Math.max(calls, 1))}%) affected`);
}

async function doubledHandlers(): Promise<void> {
  const lab = await startTracedLab();
  try {
    const foreign = await seedForeignResources(lab, 200);
    const before = await settledForeign(lab, foreign);
    const ranTwice = new Set<string>();
    const runs = [false, true].flatMap((guided) => SCENARIOS.map((scenario) => ({ scenario, guided })));
    figures.plan('runs completed', 2 * runs.length);
    figures.plan('handlers run twice', TASK_STATES().length);
    for (const { scenario: each, guided } of runs) {
      const run = await doubledRun(lab, each, guided);
      const scenario = `${guided ? 'guided ' : ''}${each}`;
      figures.count('runs completed', 2);
      figures.count('resources leaked', leaked(run.leftovers));
      for (const state of run.ranTwice) ranTwice.add(state);
      check(isDeepStrictEqual(run.twice, run.once), `idempotency: ${scenario} built ${JSON.stringify(run.twice)} with each handler run twice, ${JSON.stringify(run.once)} once`);
      check(Object.keys(run.once).length > 5, `idempotency: ${scenario} built only ${JSON.stringify(run.once)}: nothing to compare`);
      check(isDeepStrictEqual(run.teardowns, [0, 0]), `idempotency: ${scenario} teardowns exited ${run.teardowns.join(', ')}`);
    }
    figures.count('handlers run twice', ranTwice.size);
    const missed = TASK_STATES().filter((state) => !ranTwice.has(state));
    check(missed.length === 0, `idempotency: never run twice: ${missed.join(', ')}`);
    figures.count('foreign resources touched', touchedForeign(before, await settledForeign(lab, foreign)).length);
    notes.push(`idempotency: ${ranTwice.size} Task states run twice per invocation, same resources by tag in every scenario`);
  } finally {
    await lab.close();
  }
}

async function crashes(): Promise<void> {
  const cloud = await CrashedLocalCloud.start();
  try {
    figures.plan('runs completed', 1 + CRASH_POINTS.length);
    figures.plan('crashes injected (SIGKILL)', CRASH_POINTS.length);
    figures.count('runs completed');
    for (const point of CRASH_POINTS) {
      const outcome = await cloud.crashAt(point);
      const where = `crash after ${Math.round(point.share * 100)}% of a build (${point.recovery})`;
      figures.count('runs completed');
      figures.count('resources leaked', leaked(outcome.leftovers));
      if (outcome.killedBy === 'SIGKILL' && outcome.killedAfter > 0) figures.count('crashes injected (SIGKILL)');
      else figures.count('server crashes');
      check(outcome.stateFile === STATE_FORMAT, `${where}: state database: ${outcome.stateFile}`);
      check(outcome.after.status === 'FAILED' && outcome.after.error === 'States.Runtime', `${where}: the run shows ${outcome.after.status} ${outcome.after.error}`);
      check(outcome.recovery.code === 0, `${where}: vpce-lab ${point.recovery} exited ${outcome.recovery.code}`);
    }
    const { touched, exit } = await cloud.finish();
    figures.count('foreign resources touched', touched.length);
    if (exit.code !== 0) figures.count('server crashes');
    notes.push(`crash and restart: ${figures.counted('crashes injected (SIGKILL)')} SIGKILLs mid-build (${cloud.buildCalls} AWS calls in a build), state database intact, every run removed`);
  } finally {
    await cloud.stop();
  }
}

async function hostileInput(): Promise<void> {
  const target = await HostileTarget.start();
  try {
    figures.plan('runs completed', 1);
    figures.plan('hostile requests sent', HOSTILE_REQUESTS + RAW_STREAMS);
    figures.count('runs completed');
    const before = await target.settledState();
    for (const outcome of [await target.hostile('reliability/hostile', HOSTILE_REQUESTS), await target.garbage('reliability/raw', RAW_STREAMS)]) {
      figures.count('hostile requests sent', outcome.sent);
      failures.push(...outcome.problems.slice(0, 20).map((problem) => `hostile input: ${problem}`));
    }
    check(await target.stillServing(), 'hostile input: the server stopped serving');
    check(isDeepStrictEqual(target.stateDocument(), before), 'hostile input: the state database changed');
    notes.push(`hostile input: ${HOSTILE_REQUESTS} malformed requests and ${RAW_STREAMS} non-HTTP streams, all refused with a 4xx; state unchanged`);
  } finally {
    const { code } = await target.stop();
    if (code !== 0) figures.count('server crashes');
  }
}

async function badNotifications(): Promise<void> {
  const target = await AcceptTarget.start();
  try {
    const before = await target.connections();
    const counting = target.countIgnored();
    const direct = await target.badEvents('reliability/notifications', BAD_NOTIFICATIONS);
    // Counted by record, as the handler logs each one it turns away; an event that is not SNS's counts once.
    figures.plan('bad notifications turned away', direct.records + BAD_NOTIFICATIONS_THROUGH_SNS);
    figures.count('bad notifications turned away', counting.stop());
    failures.push(...direct.thrown.slice(0, 20).map((thrown) => `auto-accept: threw on ${thrown}`));
    check(direct.decided.length === 0, `auto-accept: decided ${direct.decided.length} bad notifications`);
    const countingSns = target.countIgnored();
    target.publishBadMessages('reliability/notifications-sns', BAD_NOTIFICATIONS_THROUGH_SNS);
    // Deliveries run on the cloud's clock and ignored messages make no call: done once every message is accounted
    // for, or once nothing (no call, no failed delivery, no message ignored) has happened for a while, when the count tells.
    let seen = '';
    for (;;) {
      if (countingSns.sofar() + target.lab.logs.length >= BAD_NOTIFICATIONS_THROUGH_SNS) break;
      const now = `${target.lab.cloud.journal.list().length}/${target.lab.logs.length}/${countingSns.sofar()}`;
      if (now === seen) break;
      seen = now;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const throughSns = countingSns.stop();
    figures.count('bad notifications turned away', throughSns);
    check(target.lab.logs.length === 0, `auto-accept: failed SNS deliveries: ${target.lab.logs.slice(0, 3).join('; ')}`);
    check(target.decisions().length === 0, 'auto-accept: a bad notification led to a decision');
    check(isDeepStrictEqual(await target.connections(), before), 'auto-accept: a connection changed');
    notes.push(`auto-accept: ${BAD_NOTIFICATIONS} bad events (${direct.records} records) to the handler and ${throughSns} of ${BAD_NOTIFICATIONS_THROUGH_SNS} delivered through SNS: none thrown, none acted on`);
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
    figures.plan('bad command lines refused', lines.length);
    for (const line of lines) {
      const problem = refusalProblem(line, await vpceLab(...line.args));
      if (problem) failures.push(`CLI input: ${problem}`);
      else figures.count('bad command lines refused');
    }
    check(lab.cloud.journal.list().length === 0, 'CLI input: a refused command line reached the cloud');
    // The journal is the detector: a command that is accepted must show in it, or its emptiness proves nothing.
    await lab.cli('list');
    check(lab.cloud.journal.list().length > 0, 'CLI input: an accepted command did not show in the journal, so an empty one proves nothing');
    notes.push(`CLI input: ${lines.length} bad command lines, each refused with exit 2 and a message; nothing started`);
  } finally {
    process.env.AWS_ENDPOINT_URL = endpointBefore;
    await lab.lab.close();
  }
}

async function localService(): Promise<void> {
  figures.plan('service scenarios', 2 + INTERRUPT_POINTS.length);
  figures.plan('Ctrl+C interruptions', INTERRUPT_POINTS.length);
  const tally = (outcome: ServiceOutcome) => {
    figures.count('service scenarios');
    figures.count('runs completed', outcome.runs.length);
    figures.count('resources leaked', outcome.runs.reduce((sum, run) => sum + leaked(run.leftovers), 0));
    if (outcome.mostServersAtOnce > 1) figures.count('data directories served twice at once');
    failures.push(...serviceProblems(outcome).map((problem) => `local service: ${problem}`));
  };
  figures.plan('runs completed', 2 + 1 + INTERRUPT_POINTS.length);
  tally(await twoStartsAtOnce());
  tally(await heldRunDisturbed(HELD_RUN_LOOKS));
  for (const steps of INTERRUPT_POINTS) {
    const outcome = await interruptedStart(steps);
    if (outcome.runs.length > 0) figures.count('Ctrl+C interruptions');
    tally(outcome);
  }
  notes.push(
    `local service: two starts at once on one directory, a held run looked at ${HELD_RUN_LOOKS} times with list and status, a second server refused and the first killed, Ctrl+C after ${INTERRUPT_POINTS.join(', ')} steps; never two servers on a directory, every run accounted for`,
  );
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
  await timed('throttling', async () =>
    tallyScenarios('throttling (30%)', 'throttled calls', leastThrottled, await everyScenarioUnder(throttling((scenario) => seededRandom(seedOf(`reliability/${scenario}`))))),
  );
  await timed('eventual consistency', async () => tallyScenarios('eventual consistency', 'consistency misses', () => 1, await everyScenarioUnder(eventualConsistency)));
  await timed('idempotency', doubledHandlers);
  await timed('crash and restart', crashes);
  await timed('hostile input', hostileInput);
  await timed('auto-accept', badNotifications);
  await timed('CLI input', badCommandLines);
  await timed('local service', localService);

  const minutes = Math.floor((Date.now() - started) / 60_000);
  const seconds = Math.round(((Date.now() - started) % 60_000) / 1000);
  const problems = [...figures.problems(), ...failures];
  process.stdout.write(
    [
      '',
      `vpce-lab reliability matrix, ${new Date().toISOString().slice(0, 10)}, ${minutes} min ${seconds} s`,
      ...figures.rows(),
      '',
      ...notes.map((note) => `  ${note}`),
      '',
      problems.length === 0 ? 'Every check held.' : `${problems.length} check(s) failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
      '',
    ].join('\n'),
  );
  return problems.length === 0 ? 0 : 1;
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
