import { LAB_FUNCTION_MEMORY_MB, ORCHESTRATION_RATES } from '../cli/cost/orchestration-cost';
import type { BenchResults } from './bench-results';

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const usd = (value: number): string => `$${value.toFixed(5)}`;

/** Columns padded to their widest cell; the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The benchmark's figures as the tables `npm run bench` prints. */
export function benchTable(results: BenchResults): string {
  const scale = results.timeScale;
  const sections: string[] = [
    `vpce-lab benchmark: local cloud at time scale ${scale} (one AWS second = ${fixed(1000 * scale, 0)} ms), ${results.machine.cpus} CPUs, Node ${results.machine.node}`,
    'Times in AWS seconds. Bound: the critical path of the lab dependency graph (statemachine/lab-graph.ts) over the latency profile (contract/latency-profile.ts).',
    '',
    table(
      ['scenario', 'build bound', 'build', 'ratio', 'teardown bound', 'teardown', 'ratio', 'transitions', 'Lambda calls', 'AWS calls', 'IAM-authorized', 'orchestration/run'],
      results.scenarios.map((run) => [
        run.status === 'SUCCEEDED' ? run.scenario : `${run.scenario} (${run.status})`,
        fixed(run.build.boundSeconds, 0),
        fixed(run.build.makespanSeconds),
        fixed(run.build.ratio, 3),
        fixed(run.teardown.boundSeconds, 0),
        fixed(run.teardown.makespanSeconds),
        fixed(run.teardown.ratio, 3),
        String(run.stateTransitions),
        String(run.lambdaInvocations),
        String(run.awsCalls),
        String(run.iam.calls),
        usd(run.cost.totalUsd),
      ]),
    ),
    '',
    `Orchestration prices: ${ORCHESTRATION_RATES.stateTransition.unit}; ${ORCHESTRATION_RATES.lambdaRequest.unit}; $${ORCHESTRATION_RATES.lambdaArmGbSecond.usd} ${ORCHESTRATION_RATES.lambdaArmGbSecond.unit}, at ${LAB_FUNCTION_MEMORY_MB} MB per function.`,
  ];
  for (const run of results.scenarios) {
    const top = Object.entries(run.callsByAction)
      .slice(0, 12)
      .map(([action, calls]) => `${action.replace(/^elasticloadbalancing:/, 'elbv2:')} ${calls}`)
      .join(', ');
    sections.push(`AWS calls of one ${run.scenario} run (top 12 of ${Object.keys(run.callsByAction).length} actions): ${top}`);
  }
  const full = results.scenarios.find((run) => run.scenario === 'full');
  if (full) {
    sections.push(
      '',
      `Critical path of a full build: ${full.build.criticalPath.join(' > ')}; of its teardown: ${full.teardown.criticalPath.join(' > ')}`,
      `Wait loops of the full run that polled more than once: ${
        full.waitLoops.map((loop) => `${loop.state} ${loop.attempts} polls, ${fixed(loop.shortestGapSeconds)} s apart (Retry ${loop.retryIntervalSeconds} s)`).join('; ') || 'none'
      }`,
    );
  }
  sections.push(
    '',
    `Concurrency: full runs started at once on a cloud enforcing AWS's published API rate limits (contract/aws-rate-limits.ts), at time scale ${results.concurrencyTimeScale}`,
    'Batch bound: one run\'s bound, or the time a small bucket needs for every run\'s calls up to a step plus the least path after that step (statemachine/batch-bound.ts).',
    table(
      ['runs', 'batch makespan', 'x one run', 'batch bound', 'x bound', 'median run', 'slowest run', 'calls', 'throttled', 'endpoints created', 'failed', 'left', 'CPU busy'],
      results.concurrency.map((batch) => [
        String(batch.runs),
        fixed(batch.makespanSeconds),
        fixed(batch.timesOneRun, 2),
        `${fixed(batch.batchBound.seconds, 0)}${batch.batchBound.bucket ? ` (${batch.batchBound.bucket})` : ''}`,
        fixed(batch.timesBound, 2),
        fixed(batch.medianRunSeconds),
        fixed(batch.slowestRunSeconds),
        String(batch.calls),
        String(batch.throttledCalls),
        String(batch.endpointsCreated),
        String(batch.failedRuns),
        String(batch.resourcesLeft),
        `${fixed(100 * batch.cpuBusy, 0)}%`,
      ]),
    ),
    `Under AWS's limits no orchestration keeps more than ${results.mostRunsWithinOneAndAHalf} full runs at once within 1.5 x one run's bound.`,
  );
  const { cloud, startCommand, benchPeakRssMb, iam } = results.overhead;
  sections.push(
    '',
    `Overhead: the local cloud answers Describe calls in ${fixed(cloud.describeP50Ms, 2)} ms (p50) / ${fixed(cloud.describeP99Ms, 2)} ms (p99), ${fixed(cloud.describeCallsPerSecond, 0)} calls/s with 16 in flight (${cloud.seeded}); ` +
      `benchmark process peak RSS ${fixed(benchPeakRssMb, 0)} MB.`,
    `npm start (vpce-lab start, full lab, default pace, local cloud started in the background): ${fixed(startCommand.wallSeconds)} s wall, peak RSS ${fixed(startCommand.commandPeakRssMb, 0)} MB (command) and ${fixed(startCommand.serverPeakRssMb, 0)} MB (local cloud), ${startCommand.status}.`,
    `IAM enforced (a full run at time scale ${scale}, medians of ${iam.pairs} pairs taken in turns): ${fixed(iam.withIamSeconds, 2)} s wall against ${fixed(iam.withoutIamSeconds, 2)} s without (${fixed(100 * iam.extraShare)} %); ` +
      `${iam.usage.calls} calls decided in ${fixed(iam.usage.milliseconds, 0)} ms (${fixed(100 * iam.inIamShare)} % of the run), ${iam.usage.refused} refused; the Service Authorization Reference read in ${fixed(iam.loadMilliseconds, 0)} ms when the first cloud started.`,
    '',
    'Targets',
    table(
      ['target', 'measured', 'met'],
      results.targets.map((target) => [target.target, target.measured, target.met ? 'yes' : 'NO']),
    ),
    '',
    `Bench took ${fixed(results.benchSeconds, 0)} s.`,
  );
  return `${sections.join('\n')}\n`;
}
