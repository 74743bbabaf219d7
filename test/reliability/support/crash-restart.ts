import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ttlFloor } from '../../../cli/run-request';
import { STATE_FORMAT, StateDatabase } from '../../../local/cloud/state-database';
import { stateDatabasePath } from '../../../local/cloud/state-migration';
import { type CliResult, printedJson, vpceLab } from '../../support/cli-runner';
import { letTtlPass } from '../../support/expire-run';
import { sdkClients } from '../../support/local-cloud-fixture';
import { type RunLeftovers, runLeftovers } from '../../support/run-leftovers';
import { type ForeignResources, seedForeignResources, settledForeign, touchedForeign } from './foreign-resources';
import { answeredCalls, type LocalCloudProcess, startLocalCloudProcess } from './local-cloud-process';

/** The pace of the server processes: a build spends time waiting on AWS's clock (an NLB's 3 minutes take 0.36 s), where a crash is likeliest. */
export const CRASH_TIME_SCALE = 0.002;

/** Where to crash: after this share of a clean build's AWS calls; and how the run is then removed. */
export interface CrashPoint {
  readonly share: number;
  readonly recovery: 'teardown' | 'cleanup';
}

/** What one crash and restart came to. */
export interface CrashOutcome {
  readonly runId: string;
  /** The AWS calls of the run answered before the kill (a few more may be answered while the signal travels). */
  readonly killedAfter: number;
  /** How the killed process ended. */
  readonly killedBy: NodeJS.Signals | null;
  /** The `vpce-lab start` that was following the run when its server died. */
  readonly start: CliResult;
  /** The state database as the killed process left it: its format, or the reason it cannot be used. */
  readonly stateFile: string;
  /** How the run shows after the restart. */
  readonly after: { readonly status?: string; readonly error?: string };
  readonly recovery: CliResult;
  readonly leftovers: RunLeftovers;
}

/** `vpce-lab <args> --endpoint <server> --json`. */
const cli = (server: LocalCloudProcess, ...args: string[]) => vpceLab(...args, '--endpoint', server.endpoint, '--json');

const awsCalls = async (server: LocalCloudProcess): Promise<number> => (await answeredCalls(server.endpoint)).filter((call) => call.service !== 'states').length;

/** Opened read-only, so the restarted process is the one that recovers the write-ahead log. */
function stateFileFormat(dataDir: string): string {
  try {
    StateDatabase.open(stateDatabasePath(dataDir), { readOnly: true }).close();
    return STATE_FORMAT;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A `vpce-lab local` process on one data directory, crashed and restarted
 * over and over: each crash point runs a full lab against the current
 * process, kills it with SIGKILL part-way through the build, starts the next
 * process on the same directory, and removes the run as the point says.
 * Foreign resources are made at the start and compared at the end.
 */
export class CrashedLocalCloud {
  private constructor(
    private readonly dataDir: string,
    private server: LocalCloudProcess,
    private readonly foreign: ForeignResources,
    private readonly foreignBefore: Map<string, unknown>,
    /** The AWS calls of a clean full run at this pace. */
    readonly buildCalls: number,
  ) {}

  /** The first process, the foreign resources, and a clean run to learn how many calls a build makes. */
  static async start(): Promise<CrashedLocalCloud> {
    const dataDir = mkdtempSync(join(tmpdir(), 'vpce-lab-crash-'));
    const server = await startLocalCloudProcess({ dataDir, timeScale: CRASH_TIME_SCALE });
    const foreign = await seedForeignResources(sdkClients(server.endpoint), 200);
    const foreignBefore = await settledForeign(sdkClients(server.endpoint), foreign);
    const seeded = await awsCalls(server);
    const clean = await cli(server, 'start', '--scenario', 'full');
    if (clean.code !== 0) throw new Error(`the clean run against the server process failed: ${clean.stdout}${clean.stderr}`);
    return new CrashedLocalCloud(dataDir, server, foreign, foreignBefore, (await awsCalls(server)) - seeded);
  }

  /**
   * A full run, the process killed once it has answered `point.share` of a
   * build's calls, the next process started on the same data directory, the
   * run's state read back, and the run removed (`vpce-lab teardown <run>`,
   * or `vpce-lab cleanup` once its TTL has passed).
   */
  async crashAt(point: CrashPoint): Promise<CrashOutcome> {
    const killed = this.server;
    const base = await awsCalls(killed);
    const following = cli(killed, 'start', '--scenario', 'full', '--ttl', ttlFloor('full').text);
    const target = base + Math.max(1, Math.round(point.share * this.buildCalls));
    let answered = base;
    while (answered < target) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      answered = await awsCalls(killed);
    }
    const { signal } = await killed.kill('SIGKILL');
    const start = await following;
    const stateFile = stateFileFormat(this.dataDir);

    this.server = await startLocalCloudProcess({ dataDir: this.dataDir, timeScale: CRASH_TIME_SCALE });
    const { runs } = printedJson<{ runs: { runId: string }[] }>(await cli(this.server, 'list', '--limit', '1'));
    const runId = runs[0]?.runId ?? '';
    const after = printedJson<{ status?: string; error?: string }>(await cli(this.server, 'status', runId));
    const clients = sdkClients(this.server.endpoint);
    if (point.recovery === 'cleanup') await letTtlPass(clients, runId);
    const recovery = point.recovery === 'teardown' ? await cli(this.server, 'teardown', runId) : await cli(this.server, 'cleanup');
    return {
      runId,
      killedAfter: answered - base,
      killedBy: signal,
      start,
      stateFile,
      after: { status: after.status, error: after.error },
      recovery,
      leftovers: await runLeftovers(clients, runId),
    };
  }

  /** The foreign resources changed since the start, then the last process stopped as a user stops it (SIGTERM): how it ended. */
  async finish(): Promise<{ touched: string[]; exit: { code: number | null; signal: NodeJS.Signals | null } }> {
    const touched = touchedForeign(this.foreignBefore, await settledForeign(sdkClients(this.server.endpoint), this.foreign));
    return { touched, exit: await this.server.kill('SIGTERM') };
  }

  /** Stops the current process whatever happened (a test that failed half-way), and removes the data directory. */
  async stop(): Promise<void> {
    await this.server.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
