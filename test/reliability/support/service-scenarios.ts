import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../../../cli/connection/local-server-file';
import type { RunOutcome } from '../../../cli/run-outcome';
import { readAnnouncement } from '../../../local/cloud/data-dir-lock';
import { printedJson } from '../../support/cli-runner';
import { type CliResult } from '../../support/cli-runner';
import { killServer, runCli, serverClients, spawnCli } from '../../support/cli-process';
import { type RunLeftovers, runLeftovers } from '../../support/run-leftovers';

/** One run of a scenario: what the command that started it said, how it really ended, and what is left of it. */
export interface ServiceRun {
  readonly runId: string;
  /** The status the starting command reported (`RUNNING` for one it stopped following or that holds). */
  readonly reported: string;
  /** How its execution ended once the scenario was over. */
  readonly ended: string;
  /** What stayed after it ended, before any teardown. */
  readonly leftAfterEnd: RunLeftovers;
  /** Exit code of the `vpce-lab teardown` run for what stayed, when something did. */
  readonly teardownCode?: number;
  /** What is left once all is done: must be nothing. */
  readonly leftovers: RunLeftovers;
}

export interface ServiceOutcome {
  readonly scenario: string;
  readonly runs: ServiceRun[];
  /** The most `vpce-lab local` processes that had announced they listen on the directory and were alive at one moment. */
  readonly mostServersAtOnce: number;
  /** What the scenario itself saw go wrong (a command's exit code, a message, a run not holding). */
  readonly problems: string[];
}

const count = (leftovers: RunLeftovers): number => Object.values(leftovers).flat().length;

/**
 * The rules every scenario must keep: no run reported SUCCEEDED that left
 * anything; every run accounted for (it ended leaving nothing, or its
 * teardown removed all of it); never two servers on the directory at once.
 */
export function serviceProblems(outcome: ServiceOutcome): string[] {
  const problems = outcome.problems.map((problem) => `${outcome.scenario}: ${problem}`);
  if (outcome.runs.length === 0) problems.push(`${outcome.scenario}: no run was started, so nothing was proved`);
  for (const run of outcome.runs) {
    if (run.reported === 'SUCCEEDED' && count(run.leftAfterEnd) > 0) problems.push(`${outcome.scenario}: ${run.runId} was reported SUCCEEDED but left ${count(run.leftAfterEnd)} resources`);
    if (count(run.leftovers) > 0) problems.push(`${outcome.scenario}: ${run.runId} is not accounted for: ${count(run.leftovers)} resources are left after ${run.teardownCode === undefined ? 'it ended' : `teardown (exit ${run.teardownCode})`}`);
  }
  if (outcome.mostServersAtOnce > 1) problems.push(`${outcome.scenario}: ${outcome.mostServersAtOnce} servers held the data directory at once`);
  if (outcome.mostServersAtOnce === 0) problems.push(`${outcome.scenario}: no server was ever seen serving, so the lock check proved nothing`);
  return problems;
}

const LISTENING = /listening on \S+ \(pid (\d+)\)/g;

/** The pids of every server that said in this log that it listens, and are alive now. */
export function liveServers(logFile: string): number[] {
  if (!existsSync(logFile)) return [];
  const pids = [...readFileSync(logFile, 'utf8').matchAll(LISTENING)].map((match) => Number(match[1]));
  return [...new Set(pids)].filter(processAlive);
}

/** Samples the directory's log while a scenario runs: the most live servers seen at once. */
class LockWatch {
  private most = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly logFile: string) {
    this.timer = setInterval(() => this.sample(), 50);
  }

  private sample(): void {
    this.most = Math.max(this.most, liveServers(this.logFile).length);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.most;
  }
}

/** A data directory for one scenario, its lock watched; whatever serves it is killed at the end. */
async function onFreshDirectory(scenario: string, body: (dataDir: string, problems: string[]) => Promise<ServiceRun[]>): Promise<ServiceOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpce-lab-service-'));
  const watch = new LockWatch(join(dataDir, 'local.log'));
  const problems: string[] = [];
  try {
    const runs = await body(dataDir, problems);
    return { scenario, runs, mostServersAtOnce: watch.stop(), problems };
  } finally {
    watch.stop();
    await killServer(dataDir);
  }
}

const expectCode = (problems: string[], what: string, result: CliResult, code: number): void => {
  if (result.code !== code) problems.push(`${what} exited ${result.code}, not ${code}: ${(result.stderr || result.stdout).slice(-400)}`);
};

/** How a run ended and what is left of it; a run that left something is torn down and looked at again. */
async function accountFor(dataDir: string, runId: string, reported: string): Promise<ServiceRun> {
  const followed = await runCli('status', runId, '--data-dir', dataDir, '--follow', '--json');
  const ended = printedJson<RunOutcome>(followed).status;
  const endpoint = readAnnouncement(dataDir)?.endpoint;
  if (!endpoint) throw new Error(`no server serves ${dataDir} after vpce-lab status`);
  const clients = serverClients(endpoint);
  const leftAfterEnd = await runLeftovers(clients, runId);
  if (count(leftAfterEnd) === 0) return { runId, reported, ended, leftAfterEnd, leftovers: leftAfterEnd };
  const teardownCode = (await runCli('teardown', runId, '--data-dir', dataDir)).code;
  return { runId, reported, ended, leftAfterEnd, teardownCode, leftovers: await runLeftovers(clients, runId) };
}

/** Two `vpce-lab start` at once on a directory no server serves yet: both must succeed on one server. */
export const twoStartsAtOnce = (): Promise<ServiceOutcome> =>
  onFreshDirectory('two starts at once', async (dataDir, problems) => {
    const start = () => runCli('start', '--scenario', 'gateway', '--data-dir', dataDir, '--time-scale', '0', '--json');
    const results = await Promise.all([start(), start()]);
    results.forEach((result, i) => expectCode(problems, `start ${i + 1}`, result, 0));
    const outcomes = results.map((result) => printedJson<RunOutcome>(result));
    return Promise.all(outcomes.map((outcome) => accountFor(dataDir, outcome.runId, outcome.status)));
  });

/**
 * A held run, looked at with `list` and `status` while it holds, a second
 * `vpce-lab local` started on its directory, then its server killed
 * (SIGKILL) and the next command restarting one: the run must hold through
 * the first two, the second server must be refused, and after the kill the
 * run shows FAILED and teardown removes it.
 */
export const heldRunDisturbed = (looks: number): Promise<ServiceOutcome> =>
  onFreshDirectory('a held run looked at, a second server, the server killed', async (dataDir, problems) => {
    const keep = await runCli('start', '--scenario', 'gateway', '--keep', '--ttl', '1h', '--data-dir', dataDir, '--time-scale', '0', '--json');
    expectCode(problems, 'start --keep', keep, 0);
    const held = printedJson<RunOutcome & { holding?: boolean }>(keep);
    if (!held.holding) problems.push(`start --keep returned ${held.status} without holding`);
    for (let look = 0; look < looks; look += 1) {
      const { runs } = printedJson<{ runs: { runId: string; status: string }[] }>(await runCli('list', '--data-dir', dataDir, '--json'));
      const listed = runs.find((run) => run.runId === held.runId)?.status;
      const status = printedJson<{ status: string; currentSteps: string[] }>(await runCli('status', held.runId, '--data-dir', dataDir, '--json'));
      if (listed !== 'RUNNING' || status.status !== 'RUNNING' || !status.currentSteps.includes('HoldUntilExpiry')) {
        problems.push(`look ${look + 1}: list says ${listed}, status says ${status.status} at ${status.currentSteps.join(', ')}, not holding`);
      }
    }
    const server = readAnnouncement(dataDir);
    const second = await runCli('local', '--data-dir', dataDir, '--port', '0');
    expectCode(problems, 'a second vpce-lab local', second, 2);
    if (!second.stderr.includes(`pid ${server?.pid}`)) problems.push(`the second vpce-lab local did not name the server (pid ${server?.pid}): ${second.stderr}`);
    if (readAnnouncement(dataDir)?.pid !== server?.pid) problems.push('the second vpce-lab local changed server.json');
    const still = printedJson<{ status: string }>(await runCli('status', held.runId, '--data-dir', dataDir, '--json'));
    if (still.status !== 'RUNNING') problems.push(`after the second server was refused the run is ${still.status}`);

    if (server) process.kill(server.pid, 'SIGKILL');
    while (server && processAlive(server.pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    const run = await accountFor(dataDir, held.runId, 'RUNNING');
    if (run.ended !== 'FAILED') problems.push(`after its server was killed the held run ended ${run.ended}, not FAILED`);
    return [run];
  });

/** `vpce-lab start` interrupted (SIGINT) once `steps` of its steps finished (0: as soon as the run is named). */
export const interruptedStart = (steps: number): Promise<ServiceOutcome> =>
  onFreshDirectory(`Ctrl+C after ${steps} steps`, async (dataDir, problems) => {
    const start = spawnCli('start', '--scenario', 'gateway', '--data-dir', dataDir, '--time-scale', '0.02');
    await start.waitFor(steps === 0 ? /Run lab-\S+ \(gateway\)/ : new RegExp(`(✔[^\\n]*\\n[^]*){${steps}}`));
    start.child.kill('SIGINT');
    const result = await start.done;
    expectCode(problems, 'the interrupted start', result, 130);
    const runId = /Run (lab-\S+) \(gateway\)/.exec(result.stdout)?.[1];
    if (!runId) {
      problems.push(`the interrupted start named no run: ${result.stdout}`);
      return [];
    }
    if (!result.stdout.includes(`vpce-lab status ${runId} --follow`)) problems.push('the interrupted start did not say how to follow the run again');
    return [await accountFor(dataDir, runId, 'RUNNING')];
  });
