import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { readAnnouncement } from '../../local/cloud/data-dir-lock';
import type { CliResult } from './cli-runner';

const REPOSITORY_ROOT = join(__dirname, '../..');

/** `vpce-lab` as a user runs it: its own process (so its Ctrl+C, its exit and the servers it leaves are real). */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything written so far, both streams. */
  output(): string;
  /** Resolves once the output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  readonly done: Promise<CliResult>;
}

export function spawnCli(...args: string[]): CliProcess {
  const child = spawn(process.execPath, [join(REPOSITORY_ROOT, 'bin', 'vpce-lab.js'), ...args], {
    cwd: REPOSITORY_ROOT,
    // NO_COLOR: tests read the output as text; colour would also turn on under a CI variable (picocolors' rule).
    env: { ...process.env, AWS_ENDPOINT_URL: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const onData = () => listeners.forEach((listener) => listener());
  child.stdout?.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), onData()));
  child.stderr?.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), onData()));
  const done = new Promise<CliResult>((resolve) => child.once('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
  const output = () => stdout + stderr;
  return {
    child,
    output,
    done,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(output())) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms in:\n${output()}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

/** Runs `vpce-lab <args>` in its own process to its end. */
export const runCli = (...args: string[]): Promise<CliResult> => spawnCli(...args).done;

/** The SDK clients a test inspects the server of a data directory with. */
export function serverClients(endpoint: string, region = 'ap-northeast-2') {
  const config = { region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config) };
}

/** Ends whatever server still serves `dataDir` (a test must leave none running), by its announced pid. */
export async function killServer(dataDir: string): Promise<void> {
  const announced = readAnnouncement(dataDir);
  if (!announced) return;
  try {
    process.kill(announced.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
