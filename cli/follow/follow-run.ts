import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { LabRun } from '../../functions/lab/lab-run';
import { isKind } from '../../functions/commons/is-kind';
import { type CliIo, writeJson, writeJsonError } from '../cli-io';
import type { LabConnection } from '../connection/lab-connection';
import { currentPause, pauseBegins } from '../guided/run-pause';
import { renderCost } from '../render/cost-view';
import { renderLesson } from '../render/lesson-view';
import { outcomeLine } from '../render/outcome-line';
import { ProgressView } from '../render/progress-view';
import { renderReport } from '../render/report-view';
import { describeDetached, describeHeld } from '../render/run-handoff-view';
import { runResources } from '../resources/run-resources';
import { runOutcome, type RunOutcome } from '../run-outcome';
import { EXIT } from '../usage-error';
import { connectionClock } from './connection-clock';
import { executionHistory, followExecution, FollowInterrupted } from './execution-events';
import { holdBegins } from './run-hold';

export interface FollowRunOptions {
  readonly json: boolean;
  /** Events up to this id were shown before (`next` goes on from a pause): they are read, not shown again. */
  readonly shownUpTo?: number;
}

/**
 * Follows a run's lab-run execution live until it ends, or until it waits
 * for someone: a held run once its hold begins, a guided run once it pauses
 * for its student. Then says so (the report, the hold, the lesson to try)
 * and returns the exit code. Ctrl+C detaches, the run going on.
 */
export async function followRun(io: CliIo, connection: LabConnection, run: LabRun, executionArn: string, options: FollowRunOptions, signal: AbortSignal): Promise<number> {
  const clock = connectionClock(connection);
  const view = options.json ? undefined : new ProgressView(io.out, clock, options.shownUpTo);
  // A run that waits lives on in the cloud: the command returns once it waits, unless the cloud ends with the command.
  const pauses = pauseBegins(options.shownUpTo);
  const holds = run.keep && connection.runsOutlive;
  const until = run.guided || holds ? (event: HistoryEvent) => (run.guided === true && pauses(event)) || (holds && holdBegins(event)) : undefined;
  let execution;
  try {
    execution = await followExecution(connection.sfn, executionArn, (event) => view?.onEvent(event), connection.pollMs, { signal, until });
  } catch (error) {
    if (!isKind(error, FollowInterrupted)) throw error;
    view?.stop();
    if (options.json) writeJson(io, { runId: run.runId, executionArn, status: 'RUNNING', following: false, runGoesOn: connection.runsOutlive });
    else io.out.write(describeDetached(run.runId, connection));
    return EXIT.interrupted;
  }
  view?.stop();
  const now = new Date();
  const events = await executionHistory(connection.sfn, executionArn);
  const pause = run.guided && execution.status === 'RUNNING' ? currentPause(events) : undefined;
  if (pause?.brief) {
    if (options.json) writeJson(io, { runId: run.runId, executionArn, status: 'RUNNING', paused: pause.stop, lesson: pause.brief });
    else io.out.write(`\n${renderLesson(run.runId, pause.brief, now)}`);
    return EXIT.ok;
  }
  const outcome = runOutcome({ ...execution, executionArn }, events, now, clock);
  if (execution.status === 'RUNNING') {
    const resources = await runResources(connection, run.runId);
    if (options.json) writeJson(io, { ...outcome, holding: true, expiresAt: run.expiresAt, resources });
    else io.out.write(describeHeld(outcome, resources, connection, now));
    return outcome.report?.passed === false ? EXIT.failed : EXIT.ok;
  }
  if (options.json) writeOutcomeJson(io, outcome);
  else io.out.write(describeOutcome(outcome));
  return outcome.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed;
}

/** The end of a run for people: the report, the cost, and how it ended. */
export function describeOutcome(outcome: RunOutcome): string {
  const parts = [''];
  if (outcome.report) parts.push(renderReport(outcome.report));
  if (outcome.cost) parts.push(renderCost(outcome.cost));
  parts.push(outcomeLine(outcome));
  return `${parts.join('\n')}\n`;
}

/** `--json`: the outcome (with `extra` fields) on stdout and, for a run that did not succeed, its error on stderr. */
export function writeOutcomeJson(io: CliIo, outcome: RunOutcome, extra: object = {}): void {
  writeJson(io, { ...outcome, ...extra });
  if (outcome.status === 'SUCCEEDED' || outcome.status === 'RUNNING') return;
  const failure = outcome.failure ?? { code: outcome.status, message: outcomeLine(outcome) };
  writeJsonError(io, { ...failure, exitCode: EXIT.failed });
}
