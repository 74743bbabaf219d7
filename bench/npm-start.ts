import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * What `npm start` costs from a fresh data directory: the command starts the
 * local cloud in the background, and one full lab is built, verified and torn
 * down in it, the command following.
 */
export interface StartCommandCost {
  readonly wallSeconds: number;
  /** The largest process of the two: the command's or the background local cloud's. */
  readonly peakRssMb: number;
  readonly commandPeakRssMb: number;
  readonly serverPeakRssMb: number;
  readonly status: string;
}

const ROOT = resolve(__dirname, '..');

/**
 * The environment as the benchmark found it: the in-process Lambda runtime
 * later sets AWS_ENDPOINT_URL and the like on this process, which would send
 * the command to a benchmark cloud instead of its own.
 */
const STARTING_ENVIRONMENT = { ...process.env };

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', failed);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const peaksIn = (text: string): number[] => [...text.matchAll(/peak-rss-kb=(\d+)/g)].map((match) => Number(match[1]) / 1024);

/**
 * Runs `npm start` itself (its default scenario, pace and persistence), with a
 * fresh data directory and `--json` so the outcome can be read, timing it from
 * spawn to exit (the background server's start included); `peak-rss.js`,
 * preloaded into every Node process of it, reports each one's peak RSS as it
 * exits: the command's on its stderr, the server's in its log once
 * `vpce-lab local stop` has ended it.
 */
export async function measureStartCommand(): Promise<StartCommandCost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpce-lab-bench-start-'));
  const npm = STARTING_ENVIRONMENT.npm_execpath;
  const [command, prefix] = npm ? [process.execPath, [npm]] : ['npm', []];
  const env = { ...STARTING_ENVIRONMENT, NODE_OPTIONS: `${STARTING_ENVIRONMENT.NODE_OPTIONS ?? ''} --require ${join(ROOT, 'bench', 'peak-rss.js')}`.trim() };
  const started = performance.now();
  try {
    const { code, stdout, stderr } = await run(command, [...prefix, '--silent', 'start', '--', '--data-dir', dataDir, '--json'], env);
    const wallSeconds = (performance.now() - started) / 1000;
    const stopped = await run(process.execPath, [join(ROOT, 'bin', 'vpce-lab.js'), 'local', 'stop', '--data-dir', dataDir], STARTING_ENVIRONMENT);
    if (stopped.code !== 0) throw new Error(`vpce-lab local stop after npm start (exit ${stopped.code}): ${stopped.stdout}${stopped.stderr}`);
    const commandPeakRssMb = Math.max(0, ...peaksIn(stderr));
    const serverPeakRssMb = Math.max(0, ...peaksIn(readFileSync(join(dataDir, 'local.log'), 'utf8')));
    let status: string;
    try {
      status = (JSON.parse(stdout) as { status?: string }).status ?? `exit ${code}`;
    } catch {
      throw new Error(`npm start (exit ${code}) printed no outcome: ${stderr.slice(-800)}`);
    }
    return { wallSeconds, peakRssMb: Math.max(commandPeakRssMb, serverPeakRssMb), commandPeakRssMb, serverPeakRssMb, status };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
