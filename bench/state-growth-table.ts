import { table } from './bench-table';
import type { StateGrowth, StatePoint } from './state-growth';

const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

/** How a figure with the most runs compares with the figure with one run. */
export interface StateTarget {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Time and writes per call may not grow with the runs the state holds; its size grows by what each run keeps, no more. */
export function stateTargets(growth: StateGrowth): StateTarget[] {
  const first = growth.points[0];
  const last = growth.points.at(-1);
  if (!first || !last || first === last) return [];
  const ratio = (read: (point: StatePoint) => number) => read(last) / read(first);
  const perRun = (point: StatePoint) => point.sizeBytes / point.runs;
  const sizeGrowth = (last.sizeBytes - first.sizeBytes) / (last.runs - first.runs);
  return [
    // The median: the machine's other work lands on a few calls and moves the mean, not the typical call.
    { target: `median time per call with ${last.runs} runs <= 1.25 x with ${first.runs}`, measured: `${ratio((point) => point.p50Ms).toFixed(2)} x`, met: ratio((point) => point.p50Ms) <= 1.25 },
    // The clock may make a VPC available before or after the mix deletes it: a row more or less, whatever the state holds.
    { target: `rows written per call with ${last.runs} runs <= 1.1 x with ${first.runs}`, measured: `${ratio((point) => point.rowsPerCall).toFixed(2)} x`, met: ratio((point) => point.rowsPerCall) <= 1.1 },
    { target: `bytes written per call with ${last.runs} runs <= 1.1 x with ${first.runs}`, measured: `${ratio((point) => point.bytesPerCall).toFixed(2)} x`, met: ratio((point) => point.bytesPerCall) <= 1.1 },
    {
      target: 'state size: each run adds what it keeps, no more (<= 1.1 x the first run\'s share)',
      measured: `${kib(sizeGrowth)} KiB per added run, ${kib(perRun(first))} KiB for the first`,
      met: sizeGrowth <= 1.1 * perRun(first),
    },
  ];
}

/** The state benchmark's figures as printed. */
export function stateGrowthTable(growth: StateGrowth): string {
  const { realRun } = growth;
  return [
    'State in SQLite (state.db): its size, the start-up and the cost of a call as the state holds more runs',
    `How: ${growth.method}.`,
    `The mix, each call timed through the SDK in ${growth.points[0]?.calls ?? 0} calls per state: ${growth.mix.join(', ')}.`,
    `The real run (${realRun.status}): ${realRun.awsCalls} AWS calls; ${realRun.transactions} SQLite transactions wrote ${realRun.rowsWritten} rows, ${kib(realRun.bytesWritten)} KiB in all; it keeps ${realRun.rowsKept} rows and ${realRun.historyEntriesKept} history events.`,
    '',
    table(
      ['runs', 'state.db', 'start-up', 'per call', 'p50', 'p95', 'transactions/call', 'rows/call', 'bytes/call', ...growth.mix],
      growth.points.map((point) => [
        String(point.runs),
        `${(point.sizeBytes / 1024 / 1024).toFixed(2)} MiB`,
        `${point.startSeconds.toFixed(2)} s`,
        `${point.meanMs.toFixed(2)} ms`,
        `${point.p50Ms.toFixed(2)} ms`,
        `${point.p95Ms.toFixed(2)} ms`,
        point.transactionsPerCall.toFixed(2),
        point.rowsPerCall.toFixed(2),
        point.bytesPerCall.toFixed(0),
        ...growth.mix.map((call) => `${(point.byCall.find((timed) => timed.call === call)?.meanMs ?? 0).toFixed(2)} ms`),
      ]),
    ),
    '',
    table(
      ['target', 'measured', 'met'],
      stateTargets(growth).map((target) => [target.target, target.measured, target.met ? 'yes' : 'NO']),
    ),
    '',
  ].join('\n');
}
