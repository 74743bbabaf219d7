import { Command } from 'commander';
import { isKind } from '../../functions/commons/is-kind';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { findRun } from '../connection/find-run';
import { connectionClock } from '../follow/connection-clock';
import { executionHistory, followExecution, FollowInterrupted } from '../follow/execution-events';
import { untilInterrupted } from '../follow/interrupt';
import { HOLD_STATE } from '../follow/run-hold';
import { renderHeldRun } from '../render/held-run-view';
import { ProgressView, stepTitle } from '../render/progress-view';
import { describeDetached } from '../render/run-handoff-view';
import type { RunResource } from '../resources/run-resource';
import { runResources } from '../resources/run-resources';
import { parseRunId } from '../run-request';
import { runOutcome } from '../run-outcome';
import { EXIT } from '../usage-error';
import { describeOutcome, writeOutcomeJson } from '../follow/follow-run';

interface StatusOptions extends CommonOptions {
  readonly follow: boolean;
}

/** `vpce-lab status <run-id>`: where a run is, or how it ended, with its report; `--follow` follows it live to its end. */
export function statusCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('status')
      .description("show a run's state, its current step, its report and cost; --follow follows a running run to its end")
      .argument('<run-id>', 'the run (see vpce-lab list)', parseRunId)
      .option('--follow', 'follow the run live until it ends (Ctrl+C stops following, not the run)', false),
  ).action(async (runId: string, options: StatusOptions) => {
    const connection = await connect(options);
    try {
      const clock = connectionClock(connection);
      const found = await findRun(connection, runId);
      const { executionArn } = found;
      let { execution } = found;
      if (options.follow && execution.status === 'RUNNING') {
        if (!options.json) io.out.write(`${clock.pace}\n`);
        const view = options.json ? undefined : new ProgressView(io.out, clock);
        try {
          execution = await untilInterrupted((signal) => followExecution(connection.sfn, executionArn, (event) => view?.onEvent(event), connection.pollMs, { signal }));
        } catch (error) {
          if (!isKind(error, FollowInterrupted)) throw error;
          view?.stop();
          if (options.json) writeJson(io, { runId, executionArn, status: 'RUNNING', following: false });
          else io.out.write(describeDetached(runId, connection));
          return exit(EXIT.interrupted);
        }
        view?.stop();
      }
      const events = await executionHistory(connection.sfn, executionArn);
      const now = new Date();
      const outcome = runOutcome({ ...execution, executionArn }, events, now, clock);
      const current = execution.status === 'RUNNING' ? runningSteps(events) : [];
      const held = current.includes(HOLD_STATE);
      const ok = execution.status === 'RUNNING' || execution.status === 'SUCCEEDED';
      // A held run holds what it built; one that ended without succeeding (stopped, failed in its teardown) may still.
      const resources = held || !ok ? await runResources(connection, runId) : undefined;
      if (held && resources) {
        if (options.json) writeJson(io, { ...outcome, currentSteps: current, resources });
        else io.out.write(renderHeldRun(outcome, resources, now));
      } else if (options.json) writeOutcomeJson(io, outcome, { currentSteps: current, ...(resources && { resources }) });
      else if (execution.status === 'RUNNING') io.out.write(`Run ${runId} is running: ${current.map(stepTitle).join(', ') || 'between steps'}\n`);
      else io.out.write(`${describeOutcome(outcome)}${remaining(runId, resources ?? [])}`);
      exit(ok ? EXIT.ok : EXIT.failed);
    } finally {
      await connection.close();
    }
  });
}

/** What a run that did not succeed left behind, and how to remove it. */
const remaining = (runId: string, resources: readonly RunResource[]): string =>
  resources.length === 0 ? '' : `${resources.length} resource(s) tagged with it remain (see vpce-lab list); remove them with vpce-lab teardown ${runId}.\n`;

/** The states entered and not yet exited. */
function runningSteps(events: Awaited<ReturnType<typeof executionHistory>>): string[] {
  const open = new Set<string>();
  for (const event of events) {
    const entered = event.stateEnteredEventDetails?.name;
    const exited = event.stateExitedEventDetails?.name;
    if (entered) open.add(entered);
    if (exited) open.delete(exited);
  }
  return [...open];
}
