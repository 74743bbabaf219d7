import { RequestServiceQuotaIncreaseCommand } from '@aws-sdk/client-service-quotas';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../functions/lab/lab-run';
import { planWorkshop } from '../cli/plan/workshop-plan';
import { AWS_RATE_LIMITS } from '../contract/aws-rate-limits';
import { type BatchBound, batchBound } from '../statemachine/batch-bound';
import { startBenchLab } from './bench-lab';
import { leftovers, totalLeft } from './leftovers';
import { callsByAction, type MeasuredBatch, runBatch, throttledCalls } from './measure-runs';
import { type ThrottleFloor, throttleFloor } from '../statemachine/throttle-floor';

/** Many runs at once under AWS's rate limits: how long the batch took, what was throttled, what failed, what was left. */
export interface ConcurrencyResult {
  readonly runs: number;
  readonly scenario: Scenario;
  readonly makespanSeconds: number;
  /** The slowest and the median run of the batch, start to end. */
  readonly slowestRunSeconds: number;
  readonly medianRunSeconds: number;
  readonly calls: number;
  readonly throttledCalls: number;
  readonly failedRuns: number;
  readonly failures: readonly string[];
  readonly left: Record<string, number>;
  readonly resourcesLeft: number;
  /** The least time AWS's buckets allow for the calls the batch made, retried creates included. */
  readonly throttleFloor: ThrottleFloor;
  /** The least time any orchestration needs for the batch: one run's critical path, or a small bucket and the path after it. */
  readonly batchBound: BatchBound;
  /** The share of one CPU the benchmark process (cloud, Step Functions, Lambda) used during the batch: near 1, its own work stretches AWS's seconds. */
  readonly cpuBusy: number;
  readonly callsByAction: Record<string, number>;
  /** CreateVpcEndpoint calls EC2 accepted: seven a full run when no retried step asks twice. */
  readonly endpointsCreated: number;
}

/**
 * An account running many labs at once needs room for them: the quotas are
 * raised as an instructor would, with the increases `vpce-lab plan` names
 * for the batch, before the runs start; the plan must then say it fits.
 */
async function raiseQuotas(bench: Awaited<ReturnType<typeof startBenchLab>>, scenario: Scenario, runs: number): Promise<void> {
  const request = { runs, scenario, region: bench.lab.region };
  for (const line of (await planWorkshop(bench, request)).quotas.filter((quota) => quota.increase)) {
    await bench.quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: line.quota.serviceCode, QuotaCode: line.quota.code, DesiredValue: line.needed }));
  }
  if (!(await planWorkshop(bench, request)).fits) throw new Error(`the plan for ${runs} ${scenario} runs still does not fit after its increases`);
}

const seconds = (batch: MeasuredBatch) => batch.runs.map((run) => (run.stopDate - run.startDate) / 1000).sort((a, b) => a - b);

/** Starts `runs` runs of `scenario` at once on a fresh local cloud that enforces AWS's published rate limits. */
export async function concurrentRuns(timeScale: number, scenario: Scenario, runs: number): Promise<ConcurrencyResult> {
  const bench = await startBenchLab(timeScale, AWS_RATE_LIMITS);
  try {
    await raiseQuotas(bench, scenario, runs);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const batch = await runBatch(bench, scenario, runs);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuBusy = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
    const left = await leftovers(bench);
    const durations = seconds(batch).map((wall) => wall / timeScale);
    const failed = batch.runs.filter((run) => run.status !== 'SUCCEEDED');
    const accepted = callsByAction(batch.calls.filter((call) => call.status === 200));
    return {
      runs,
      scenario,
      makespanSeconds: batch.makespanSeconds,
      slowestRunSeconds: durations.at(-1) ?? 0,
      medianRunSeconds: durations[Math.floor(durations.length / 2)] ?? 0,
      calls: batch.calls.length,
      throttledCalls: throttledCalls(batch.calls),
      failedRuns: failed.length,
      failures: failed.map((run) => `${run.runId}: ${run.status} ${run.error ?? ''}`.trim()),
      left,
      resourcesLeft: totalLeft(left),
      throttleFloor: throttleFloor(accepted),
      batchBound: batchBound(scenario, runs),
      cpuBusy,
      callsByAction: callsByAction(batch.calls),
      endpointsCreated: accepted['ec2:CreateVpcEndpoint'] ?? 0,
    };
  } finally {
    await bench.close();
  }
}
