import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type StateContents, StateDatabase } from '../../../local/cloud/state-database';
import { stateDatabasePath } from '../../../local/cloud/state-migration';
import { vpceLab } from '../../support/cli-runner';
import { sdkClients } from '../../support/local-cloud-fixture';
import { seedForeignResources, settledForeign } from './foreign-resources';
import { answerProblem, hostileRequests } from './hostile-requests';
import { sendAll, sendRaw } from './hostile-sender';
import { type LocalCloudProcess, startLocalCloudProcess } from './local-cloud-process';
import { seededRandom, seedOf } from './seeded-random';

/** What a stream of hostile requests came to. */
export interface HostileOutcome {
  readonly sent: number;
  /** Answers that were not a 4xx in the expected error form, or requests that got no answer. */
  readonly problems: string[];
}

/**
 * A `vpce-lab local` process with something to lose (others' resources and
 * a finished run with its history), kept on a data directory so its state
 * database can be read as it stands on disk.
 */
export class HostileTarget {
  private constructor(
    readonly server: LocalCloudProcess,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<HostileTarget> {
    const dataDir = mkdtempSync(join(tmpdir(), 'vpce-lab-hostile-'));
    const server = await startLocalCloudProcess({ dataDir, timeScale: 0 });
    const clients = sdkClients(server.endpoint);
    await settledForeign(clients, await seedForeignResources(clients, 200));
    const run = await vpceLab('start', '--scenario', 'gateway', '--endpoint', server.endpoint, '--json');
    if (run.code !== 0) throw new Error(`the run that gives the hostile target a history failed: ${run.stdout}${run.stderr}`);
    return new HostileTarget(server, dataDir);
  }

  /** The state as the server keeps it on disk, read beside it. */
  stateDocument(): StateContents {
    const db = StateDatabase.open(stateDatabasePath(this.dataDir), { readOnly: true });
    try {
      return db.contents();
    } finally {
      db.close();
    }
  }

  /** The state once the cloud's clock has nothing left to do: read until a harmless call changes it no more. */
  async settledState(): Promise<StateContents> {
    const { ec2 } = sdkClients(this.server.endpoint);
    let last = this.stateDocument();
    for (;;) {
      await ec2.send(new DescribeVpcsCommand({}));
      const now = this.stateDocument();
      if (isDeepStrictEqual(now, last)) return now;
      last = now;
    }
  }

  /** The process has not ended and answers its health check. */
  async stillServing(): Promise<boolean> {
    const running = await Promise.race([this.server.exited.then(() => false), Promise.resolve(true)]);
    return running && (await fetch(`${this.server.endpoint}/_localcloud/health`)).ok;
  }

  /** `count` hostile requests drawn from the seed `name`, each answer checked as it comes. */
  async hostile(name: string, count: number): Promise<HostileOutcome> {
    const problems: string[] = [];
    const sent = await sendAll(this.server.endpoint, hostileRequests(seededRandom(seedOf(name)), count), (request, answer) => {
      const problem = Error.isError(answer) ? `${request.kind}: ${answer.message}` : answerProblem(request, answer);
      if (problem) problems.push(problem);
    });
    return { sent, problems };
  }

  /** `count` streams of random bytes that are not HTTP: any answer must be an HTTP 400 (the connection may also just close). */
  async garbage(name: string, count: number): Promise<HostileOutcome> {
    const random = seededRandom(seedOf(name));
    const problems: string[] = [];
    let sent = 0;
    for (let i = 0; i < count; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 4096) }, () => Math.floor(random() * 256)));
      const answer = await sendRaw(this.server.endpoint, Buffer.concat([bytes, Buffer.from('\r\n\r\n')]));
      sent++;
      if (answer !== '' && !/^HTTP\/1\.1 400 /.test(answer)) problems.push(`raw bytes #${i}: ${answer.slice(0, 200)}`);
    }
    return { sent, problems };
  }

  /** Stops the server as a user does (SIGTERM), and removes its data directory: how it ended. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const exit = await this.server.kill('SIGTERM');
    rmSync(this.dataDir, { recursive: true, force: true });
    return exit;
  }
}
