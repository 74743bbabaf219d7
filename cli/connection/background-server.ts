import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readAnnouncement } from '../../local/cloud/data-dir-lock';
import { processAlive, type RunningServer, runningServer } from './local-server-file';

/** How long a server started in the background may stay idle (no request, no running execution) before it stops. */
export const BACKGROUND_IDLE_MINUTES = 30;
const READY_WITHIN_MS = 60_000;
const POLL_MS = 100;

const REPOSITORY_ROOT = resolve(__dirname, '../..');

/** The background server did not come up; its log says why. */
export class BackgroundServerFailed extends Error {
  constructor(
    readonly logFile: string,
    reason: string,
  ) {
    super(`The local cloud could not be started in the background: ${reason}. Its log ${logFile} ends with:\n${tail(logFile)}`);
    this.name = 'BackgroundServerFailed';
  }
}

export interface BackgroundServerOptions {
  readonly dataDir: string;
  readonly timeScale: number;
  readonly region: string;
  readonly iam: boolean;
  readonly defaultVpc: boolean;
}

export const serverLogFile = (dataDir: string): string => join(dataDir, 'local.log');

/**
 * Starts `vpce-lab local` on `dataDir` as a detached process that outlives
 * this command (its output appended to `local.log` in the directory), and
 * waits until a server answers there. Two commands that start one at once
 * both end up on the same server: the directory's lock lets one serve and
 * the other exit, and both wait for whichever serves.
 */
export async function startBackgroundServer(options: BackgroundServerOptions): Promise<RunningServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = serverLogFile(options.dataDir);
  const log = openSync(logFile, 'a');
  const args = [
    // Young-generation semi-spaces of 8 MB keep a server running a full lab near 250 MB instead of 320 MB, at no cost in time (see the README's Performance).
    '--max-semi-space-size=8',
    join(REPOSITORY_ROOT, 'bin', 'vpce-lab.js'),
    'local',
    '--port',
    '0',
    '--data-dir',
    options.dataDir,
    '--time-scale',
    String(options.timeScale),
    '--region',
    options.region,
    '--stop-after',
    `${BACKGROUND_IDLE_MINUTES}m`,
    '--log-file',
    logFile,
    ...(options.iam ? [] : ['--no-iam']),
    ...(options.defaultVpc ? [] : ['--no-default-vpc']),
  ];
  let exited: string | undefined;
  try {
    // The server's functions must call the server itself, never an endpoint this command's environment names.
    const { AWS_ENDPOINT_URL: _endpoint, ...env } = process.env;
    const child = spawn(process.execPath, args, { cwd: REPOSITORY_ROOT, detached: true, stdio: ['ignore', log, log], env });
    child.once('exit', (code, signal) => (exited = signal ? `it was ended by ${signal}` : `it exited with code ${code}`));
    child.once('error', (error) => (exited = error.message));
    child.unref();
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const server = await runningServer(options.dataDir);
    if (server) return server;
    // A child refused by the lock exits at once while the one that holds it still starts: keep waiting for that one.
    if (exited && !starting(options.dataDir)) throw new BackgroundServerFailed(logFile, exited);
    if (Date.now() > deadline) throw new BackgroundServerFailed(logFile, `no server answered within ${READY_WITHIN_MS / 1000} s`);
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
}

/** Whether a live process holds the directory (it may not answer yet). */
function starting(dataDir: string): boolean {
  const holder = readAnnouncement(dataDir);
  return holder !== undefined && processAlive(holder.pid);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch (error) {
    return `(unreadable: ${(error as Error).message})`;
  }
}
