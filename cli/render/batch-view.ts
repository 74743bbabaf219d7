import pc from 'picocolors';
import type { MemberProgress } from '../batch/follow-batch';
import type { BatchMember } from '../batch/start-batch';
import type { AwsClock } from '../follow/aws-clock';
import type { RunOutcome } from '../run-outcome';
import { outcomeLine } from './outcome-line';
import { stepTitle } from './progress-view';

/** `193` → `3m 13s`. */
const elapsed = (seconds: number): string => `${Math.floor(seconds / 60)}m ${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;

const STATE_MARK: Readonly<Record<string, string>> = { SUCCEEDED: pc.green('✔'), HOLDING: pc.cyan('⏸'), PAUSED: pc.cyan('⏸'), RUNNING: pc.dim('…') };
const mark = (state: string): string => STATE_MARK[state] ?? pc.red('✖');

/** `8 running, 1 succeeded, 1 failed`: the batch by state, in a fixed order. */
export function stateCounts(progress: readonly { state: string }[]): string {
  const counts = new Map<string, number>();
  for (const { state } of progress) counts.set(state, (counts.get(state) ?? 0) + 1);
  const order = ['RUNNING', 'PAUSED', 'HOLDING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
  return [...counts].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([state, count]) => `${count} ${state.toLowerCase().replace('_', ' ')}`).join(', ');
}

/**
 * The live view of a batch: on a terminal, a table redrawn in place after
 * each round, one line per run while the runs fit the terminal's height and
 * one line per step (how many runs are in it) once they do not; without a
 * terminal, a line each time a run ends or begins its hold, so a log stays
 * short however many runs there are.
 */
export class BatchView {
  private drawn = 0;
  private readonly told = new Set<string>();

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly clock: AwsClock,
  ) {}

  onRound(progress: readonly MemberProgress<BatchMember>[], now = Date.now()): void {
    if (!this.out.isTTY) return this.logSettled(progress, now);
    const lines = this.table(progress, now);
    // Back to the top of the last drawing and clear to the end of the screen (ECMA-48 CUU and ED).
    this.out.write(`${this.drawn ? `\x1b[${this.drawn}A\x1b[0J` : ''}${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  /** The table as drawn now: per run when it fits the terminal, else per step. */
  table(progress: readonly MemberProgress<BatchMember>[], now: number): string[] {
    const rows = this.out.rows || 24;
    const total = `  ${stateCounts(progress)}`;
    if (progress.length + 2 < rows) {
      return [
        pc.dim(`  ${'RUN'.padEnd(24)} ${'STATE'.padEnd(10)} ${'STEP'.padEnd(38)} ELAPSED`),
        ...progress.map((known) => `${mark(known.state)} ${known.member.run.runId.padEnd(24)} ${known.state.padEnd(10)} ${stepTitle(known.step ?? '').padEnd(38)} ${elapsed(this.seconds(known, now))}`),
        total,
      ];
    }
    const byStep = new Map<string, number>();
    for (const known of progress) {
      const where = known.state === 'RUNNING' ? stepTitle(known.step ?? 'Starting') : `${mark(known.state)} ${known.state.toLowerCase()}`;
      byStep.set(where, (byStep.get(where) ?? 0) + 1);
    }
    return [pc.dim(`  ${'STEP'.padEnd(40)} RUNS`), ...[...byStep].slice(0, Math.max(1, rows - 3)).map(([where, count]) => `  ${where.padEnd(40)} ${String(count).padStart(4)}`), total];
  }

  stop(): void {
    this.drawn = 0;
  }

  private logSettled(progress: readonly MemberProgress<BatchMember>[], now: number): void {
    for (const known of progress) {
      if (known.settledAt === undefined && known.state !== 'HOLDING') continue;
      const key = `${known.member.run.runId} ${known.state}`;
      if (this.told.has(key)) continue;
      this.told.add(key);
      const where = known.state === 'SUCCEEDED' || known.state === 'HOLDING' ? '' : ` at ${stepTitle(known.step ?? '')}`;
      this.out.write(`${mark(known.state)} ${known.member.run.runId} ${known.state.toLowerCase().replace('_', ' ')}${where} after ${elapsed(this.seconds(known, now))} (${stateCounts(progress)})\n`);
    }
  }

  /** Seconds on the run's clock, to its end or its hold's start (a hold is not part of the build). */
  private seconds(known: MemberProgress<BatchMember>, now: number): number {
    return Math.max(0, (known.settledAt ?? now) - known.member.startedAt) / this.clock.msPerSecond;
  }
}

/** After the batch: one line per run, and the batch in one line. */
export function batchSummary(batchId: string, outcomes: readonly (RunOutcome & { holding?: boolean })[]): string {
  const lines = outcomes.map((outcome) =>
    outcome.holding ? `${mark('HOLDING')} Run ${outcome.runId} holds its lab until ${outcome.expiresAt ?? '?'}: the report ${outcome.report?.passed ? 'passed' : 'failed'}.` : `${mark(outcome.status)} ${outcomeLine(outcome)}`,
  );
  const states = stateCounts(outcomes.map((outcome) => ({ state: outcome.holding ? 'HOLDING' : outcome.status })));
  return `\n${lines.join('\n')}\n\nBatch ${batchId}: ${outcomes.length} run(s), ${states}.\n`;
}
