import { type HistoryEvent, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';
import { executionHistory } from '../cli/follow/execution-events';
import { childExecutionArn, type OrchestrationUse, orchestrationUse, type RunTimeline, runTimeline } from '../cli/follow/run-timeline';
import { newRun } from '../cli/run-request';
import type { LabRun, Scenario } from '../functions/lab/lab-run';
import type { JournalEntry } from '../local/cloud/call-journal';
import type { BenchLab } from './bench-lab';

/** How one run went, in AWS seconds. */
export interface MeasuredRun {
  readonly runId: string;
  readonly scenario: Scenario;
  readonly status: string;
  readonly error?: string;
  /** From the start to the end of verification (the teardown's start). */
  readonly buildSeconds: number;
  readonly teardownSeconds: number;
  /** Start and stop on the cloud's clock, epoch milliseconds. */
  readonly startDate: number;
  readonly stopDate: number;
  /** The run's and its teardown's state transitions (retries included) and Lambda invocations, as the cloud counted them. */
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** The same from the histories, with the Lambda time. */
  readonly use: OrchestrationUse;
  readonly timeline: RunTimeline;
}

/** What a batch of runs started at once amounted to. */
export interface MeasuredBatch {
  readonly runs: readonly MeasuredRun[];
  /** From the first start to the last stop, AWS seconds. */
  readonly makespanSeconds: number;
  /** The calls the cloud answered during the batch (the benchmark's own Step Functions calls left out). */
  readonly calls: readonly JournalEntry[];
}

const POLL_MS = 100;
const RUN_TTL_MS = 2 * 60 * 60 * 1000;

/** Runs with distinct ids (two runs started in the same minute could draw the same four hex digits). */
function newRuns(scenario: Scenario, count: number, region: string): LabRun[] {
  const runs = new Map<string, LabRun>();
  while (runs.size < count) {
    const run = newRun({ scenario, ttlMs: RUN_TTL_MS, keep: false, region }, new Date());
    runs.set(run.runId, run);
  }
  return [...runs.values()];
}

async function finished(bench: BenchLab, executionArn: string): Promise<void> {
  while (bench.lab.execution(executionArn)?.status === 'RUNNING') await sleep(POLL_MS);
}

async function measure(bench: BenchLab, run: LabRun, executionArn: string): Promise<MeasuredRun> {
  const record = bench.lab.execution(executionArn);
  if (!record) throw new Error(`the cloud has no record of ${executionArn}`);
  const events = await executionHistory(bench.sfn, executionArn);
  const teardownArn = childExecutionArn(events);
  const teardownEvents: HistoryEvent[] = teardownArn ? await executionHistory(bench.sfn, teardownArn) : [];
  const teardown = teardownArn ? bench.lab.execution(teardownArn) : undefined;
  const timeline = runTimeline(events, teardownEvents);
  return {
    runId: run.runId,
    scenario: run.scenario,
    status: record.status,
    error: record.error,
    buildSeconds: bench.awsSeconds(timeline.buildEnd),
    teardownSeconds: timeline.teardown ? bench.awsSeconds(timeline.teardown.end - timeline.teardown.start) : 0,
    startDate: record.startDate,
    stopDate: record.stopDate ?? record.startDate,
    stateTransitions: record.stateTransitions + (teardown?.stateTransitions ?? 0),
    lambdaInvocations: record.lambdaInvocations + (teardown?.lambdaInvocations ?? 0),
    use: orchestrationUse(events, teardownEvents),
    timeline,
  };
}

/**
 * Starts `count` runs of a scenario at once, as `vpce-lab start` does (one
 * lab-run execution each, named by its run id), waits until all have ended,
 * and reads each one's timeline and counts.
 */
export async function runBatch(bench: BenchLab, scenario: Scenario, count: number): Promise<MeasuredBatch> {
  const { journal } = bench.lab.cloud;
  journal.clear();
  const runs = newRuns(scenario, count, bench.lab.region);
  const started = await Promise.all(
    runs.map(async (run) => {
      const { executionArn } = await bench.sfn.send(new StartExecutionCommand({ stateMachineArn: bench.lab.stateMachineArns['lab-run'], name: run.runId, input: JSON.stringify({ run }) }));
      if (!executionArn) throw new Error(`Step Functions started ${run.runId} but returned no execution ARN`);
      return { run, executionArn };
    }),
  );
  await Promise.all(started.map(({ executionArn }) => finished(bench, executionArn)));
  const calls = journal.list().filter((call) => call.service !== 'states');
  const measured = await Promise.all(started.map(({ run, executionArn }) => measure(bench, run, executionArn)));
  const makespanMs = Math.max(...measured.map((run) => run.stopDate)) - Math.min(...measured.map((run) => run.startDate));
  return { runs: measured, makespanSeconds: bench.awsSeconds(makespanMs), calls };
}

/** Calls counted by `service:action`, most frequent first. */
export function callsByAction(calls: readonly JournalEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[`${call.service}:${call.action}`] = (counts[`${call.service}:${call.action}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}

const THROTTLING_CODES = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']);

export const throttledCalls = (calls: readonly JournalEntry[]): number => calls.filter((call) => THROTTLING_CODES.has(call.errorCode ?? '')).length;
