import { RequestServiceQuotaIncreaseCommand } from '@aws-sdk/client-service-quotas';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../functions/lab/lab-run';
import { labNeeds, VPC_QUOTAS } from '../functions/lab/build/quota-headroom';
import { lessonsOf } from '../functions/lab/lab-run';
import { AWS_RATE_LIMITS } from '../local/cloud/aws-rate-limits';
import { type BatchBound, batchBound } from './batch-bound';
import { startBenchLab } from './bench-lab';
import { leftovers, totalLeft } from './leftovers';
import { callsByAction, type MeasuredBatch, runBatch, throttledCalls } from './measure-runs';
import { type ThrottleFloor, throttleFloor } from './throttle-floor';

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

/** The VPCs a fresh account already holds in the region: its default VPC. */
const DEFAULT_VPCS = 1;

/**
 * An account running many labs at once needs room for them: the VPC quotas
 * the preflight checks are raised as a user would (the increase the
 * preflight's own refusal names), before the runs start.
 */
async function raiseQuotas(bench: Awaited<ReturnType<typeof startBenchLab>>, scenario: Scenario, runs: number): Promise<void> {
  const needs = labNeeds(lessonsOf(scenario));
  const wanted = [
    // The account's default VPC counts against the quota too, as the preflight counts it (every VPC DescribeVpcs lists).
    { quota: VPC_QUOTAS.vpcsPerRegion, value: needs.vpcs * runs + DEFAULT_VPCS },
    { quota: VPC_QUOTAS.gatewayEndpointsPerRegion, value: needs.gatewayEndpoints * runs },
  ].filter(({ quota, value }) => value > quota.awsDefault);
  for (const { quota, value } of wanted) {
    await bench.quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: quota.code, DesiredValue: value }));
  }
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
