import { CreateTagsCommand, CreateVpcCommand, DeleteVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { labRunExecutionArn } from '../functions/lab/lab-run';
import { stateDatabasePath } from '../local/cloud/state-migration';
import { type BenchLab, startBenchLab } from './bench-lab';
import { runBatch } from './measure-runs';
import { addRunCopies, rowKeys, runRows } from './state-copies';

/** The state held, by runs in it. */
export const STATE_RUNS = [1, 100, 1000];
const WARM_UP_ROUNDS = 3;
const ROUNDS = 40;

export const STATE_METHOD =
  'one real full run (built, verified, torn down) on a persisted cloud; the state of N runs is its database with that ' +
  "run's rows and history entries copied N - 1 times under fresh ids (the run id replaced, every other key numbered), not N real runs";

/** What the one real run wrote to the database while it ran. */
export interface RealRunWrites {
  readonly runId: string;
  readonly status: string;
  readonly awsCalls: number;
  readonly transactions: number;
  readonly rowsWritten: number;
  readonly bytesWritten: number;
  /** The rows and history entries the run left in the state, which the copies repeat. */
  readonly rowsKept: number;
  readonly historyEntriesKept: number;
}

/** A call of the mix, timed over every round. */
export interface CallTime {
  readonly call: string;
  readonly meanMs: number;
}

/** The state holding `runs` runs, and what a call costs on it. */
export interface StatePoint {
  readonly runs: number;
  /** state.db on disk, its write-ahead log folded in. */
  readonly sizeBytes: number;
  /** From nothing to a cloud answering on that state (IAM and state machines loaded, interrupted executions looked for), its second start. */
  readonly startSeconds: number;
  readonly calls: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly byCall: readonly CallTime[];
  readonly transactionsPerCall: number;
  readonly rowsPerCall: number;
  readonly bytesPerCall: number;
}

export interface StateGrowth {
  readonly method: string;
  readonly mix: readonly string[];
  readonly realRun: RealRunWrites;
  readonly points: readonly StatePoint[];
}

type Call = { readonly name: string; send: (bench: BenchLab, state: { vpcId?: string }) => Promise<unknown> };

/** A fixed mix of the calls a run and its user make: EC2 changes and reads, and Step Functions reads of a run with its history. */
const mixFor = (executionArn: string, labRunArn: string): Call[] => [
  { name: 'ec2:CreateVpc', send: async (bench, state) => (state.vpcId = (await bench.ec2.send(new CreateVpcCommand({ CidrBlock: '10.200.0.0/16' }))).Vpc?.VpcId) },
  { name: 'ec2:CreateTags', send: (bench, state) => bench.ec2.send(new CreateTagsCommand({ Resources: [state.vpcId ?? ''], Tags: [{ Key: 'bench', Value: 'state' }] })) },
  { name: 'ec2:DescribeVpcs', send: (bench, state) => bench.ec2.send(new DescribeVpcsCommand({ VpcIds: [state.vpcId ?? ''] })) },
  { name: 'ec2:DeleteVpc', send: (bench, state) => bench.ec2.send(new DeleteVpcCommand({ VpcId: state.vpcId ?? '' })) },
  { name: 'states:DescribeExecution', send: (bench) => bench.sfn.send(new DescribeExecutionCommand({ executionArn })) },
  { name: 'states:GetExecutionHistory', send: (bench) => bench.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 100 })) },
  { name: 'states:ListExecutions', send: (bench) => bench.sfn.send(new ListExecutionsCommand({ stateMachineArn: labRunArn, maxResults: 10 })) },
];

const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** The mix on a cloud started on `dataDir`, after a few rounds to warm it up. */
async function measurePoint(runs: number, dataDir: string, timeScale: number, executionArn: string): Promise<StatePoint> {
  const sizeBytes = statSync(stateDatabasePath(dataDir)).size;
  // The second start is the one timed: the first brings the file into the OS cache and compiles what a start runs, for every state alike.
  await (await startBenchLab(timeScale, undefined, true, dataDir)).close();
  const started = performance.now();
  const bench = await startBenchLab(timeScale, undefined, true, dataDir);
  const startSeconds = (performance.now() - started) / 1000;
  try {
    const mix = mixFor(executionArn, bench.lab.stateMachineArns['lab-run'] ?? '');
    const times = new Map<string, number[]>(mix.map((call) => [call.name, []]));
    const store = bench.lab.cloud.runtime.store;
    let before = store.written;
    for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
      if (round === WARM_UP_ROUNDS) before = store.written;
      const state: { vpcId?: string } = {};
      for (const call of mix) {
        const at = performance.now();
        await call.send(bench, state);
        if (round >= WARM_UP_ROUNDS) times.get(call.name)?.push(performance.now() - at);
      }
    }
    const written = store.written;
    const all = [...times.values()].flat().sort((a, b) => a - b);
    return {
      runs,
      sizeBytes,
      startSeconds,
      calls: all.length,
      meanMs: mean(all),
      p50Ms: percentile(all, 0.5),
      p95Ms: percentile(all, 0.95),
      byCall: [...times].map(([call, values]) => ({ call, meanMs: mean(values) })),
      transactionsPerCall: (written.transactions - before.transactions) / Math.max(1, all.length),
      rowsPerCall: (written.rows - before.rows) / Math.max(1, all.length),
      bytesPerCall: (written.bytes - before.bytes) / Math.max(1, all.length),
    };
  } finally {
    await bench.close();
  }
}

/**
 * The state's size on disk, the time to start on it, and the time and writes
 * of each call of a fixed mix through the SDK, with the state holding 1, 100
 * and 1,000 runs (see STATE_METHOD for how those states are made).
 */
export async function measureStateGrowth(timeScale: number, say: (line: string) => void): Promise<StateGrowth> {
  const baseDir = mkdtempSync(join(tmpdir(), 'vpce-lab-bench-state-'));
  const dirs = [baseDir];
  try {
    const bench = await startBenchLab(timeScale, undefined, true, baseDir);
    let realRun: RealRunWrites;
    let executionArn: string;
    let before: Set<string>;
    try {
      // The region's first EC2 call makes its default VPC: the account's, made before the run, not a part of it to copy.
      await bench.ec2.send(new DescribeVpcsCommand({}));
      bench.lab.cloud.settle();
      before = rowKeys(stateDatabasePath(baseDir));
      const start = bench.lab.cloud.runtime.store.written;
      const batch = await runBatch(bench, 'full', 1);
      const run = batch.runs[0];
      if (!run) throw new Error('the real run of the state benchmark measured nothing');
      const end = bench.lab.cloud.runtime.store.written;
      executionArn = labRunExecutionArn(bench.lab.stateMachineArns['lab-run'] ?? '', run.runId);
      realRun = {
        runId: run.runId,
        status: run.status,
        awsCalls: batch.calls.length,
        transactions: end.transactions - start.transactions,
        rowsWritten: end.rows - start.rows,
        bytesWritten: end.bytes - start.bytes,
        rowsKept: 0,
        historyEntriesKept: 0,
      };
    } finally {
      await bench.close();
    }
    const rows = runRows(stateDatabasePath(baseDir), before, realRun.runId);
    realRun = { ...realRun, rowsKept: rows.rows.length, historyEntriesKept: rows.entries.length };
    say(`  one real full run (${realRun.status}): ${realRun.awsCalls} AWS calls, ${realRun.transactions} SQLite transactions writing ${realRun.rowsWritten} rows (${(realRun.bytesWritten / 1024).toFixed(0)} KiB); it leaves ${realRun.rowsKept} rows and ${realRun.historyEntriesKept} history events`);

    const points: StatePoint[] = [];
    for (const runs of STATE_RUNS) {
      const dataDir = mkdtempSync(join(tmpdir(), `vpce-lab-bench-state-${runs}-`));
      dirs.push(dataDir);
      copyFileSync(stateDatabasePath(baseDir), stateDatabasePath(dataDir));
      addRunCopies(stateDatabasePath(dataDir), rows, runs - 1);
      const point = await measurePoint(runs, dataDir, timeScale, executionArn);
      say(`  ${runs} runs: ${(point.sizeBytes / 1024 / 1024).toFixed(2)} MiB, start ${point.startSeconds.toFixed(2)} s, ${point.meanMs.toFixed(2)} ms a call (p50 ${point.p50Ms.toFixed(2)}, p95 ${point.p95Ms.toFixed(2)}), ${point.rowsPerCall.toFixed(2)} rows written a call`);
      points.push(point);
    }
    return { method: STATE_METHOD, mix: mixFor('', '').map((call) => call.name), realRun, points };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const measured = (value: number): boolean => Number.isFinite(value) && value > 0;

/** Figures the state benchmark reports that nothing measured: each is a reason to fail the run. */
export function unmeasuredStateFigures(growth: StateGrowth): string[] {
  const missing: string[] = [];
  const { realRun } = growth;
  if (realRun.status !== 'SUCCEEDED') missing.push(`state: the real run ended ${realRun.status}`);
  for (const figure of ['awsCalls', 'transactions', 'rowsWritten', 'bytesWritten', 'rowsKept', 'historyEntriesKept'] as const) {
    if (!measured(realRun[figure])) missing.push(`state: realRun.${figure} is ${realRun[figure]}`);
  }
  for (const runs of STATE_RUNS) {
    const point = growth.points.find((candidate) => candidate.runs === runs);
    if (!point) {
      missing.push(`state: no measurement with ${runs} runs`);
      continue;
    }
    for (const figure of ['sizeBytes', 'startSeconds', 'calls', 'meanMs', 'p50Ms', 'p95Ms', 'transactionsPerCall', 'rowsPerCall', 'bytesPerCall'] as const) {
      if (!measured(point[figure])) missing.push(`state: ${runs} runs: ${figure} is ${point[figure]}`);
    }
    for (const call of growth.mix) {
      if (!measured(point.byCall.find((timed) => timed.call === call)?.meanMs ?? 0)) missing.push(`state: ${runs} runs: ${call} was not timed`);
    }
  }
  return missing;
}
