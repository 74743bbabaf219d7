import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY_ROOT = join(__dirname, '../../..');
const MIN_NODE_MAJOR = 24;

/**
 * The Node that runs `bin/vpce-lab.js` in-process: this one when new enough,
 * else the project's own (under an older Node the bin would hand over to it
 * in a second process, which a signal to the first would not reach).
 */
const NODE = Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR ? process.execPath : join(REPOSITORY_ROOT, 'node_modules', 'node', 'bin', 'node');

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** A `vpce-lab local` server in a process of its own. */
export interface LocalCloudProcess {
  readonly endpoint: string;
  readonly pid: number;
  /** How the process ended (code, or the signal that ended it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote, for a failure message. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface LocalCloudProcessOptions {
  readonly dataDir: string;
  readonly timeScale: number;
}

/**
 * Starts `vpce-lab local --port 0 --data-dir <dir> --time-scale <f>` and
 * waits for the endpoint it prints. Its output is read continuously (a full
 * pipe would stall it); the scheduled cleanup is set far off so that only
 * the test starts workflows.
 */
export async function startLocalCloudProcess(options: LocalCloudProcessOptions, timeoutMs = 30_000): Promise<LocalCloudProcess> {
  const args = ['bin/vpce-lab.js', 'local', '--port', '0', '--data-dir', options.dataDir, '--time-scale', String(options.timeScale), '--cleanup-every', '10000'];
  const child = spawn(NODE, args, { cwd: REPOSITORY_ROOT, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vpce-lab local printed no endpoint within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = LISTENING.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`vpce-lab local ended (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
  return {
    endpoint,
    pid: child.pid ?? -1,
    exited,
    output: () => output,
    kill: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

/** The calls the server has answered so far (its journal), through its control endpoint. */
export async function answeredCalls(endpoint: string): Promise<{ service: string; action: string }[]> {
  const response = await fetch(`${endpoint}/_localcloud/calls`);
  return ((await response.json()) as { calls: { service: string; action: string }[] }).calls;
}
