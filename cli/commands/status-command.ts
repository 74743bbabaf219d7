import { Command } from 'commander';
import { isKind } from '../../functions/commons/is-kind';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { findRun } from '../connection/find-run';
import { executionHistory, followExecution, FollowInterrupted } from '../follow/execution-events';
import { untilInterrupted } from '../follow/interrupt';
import { ProgressView, stepTitle } from '../render/progress-view';
import { describeDetached } from '../render/run-handoff-view';
import { parseRunId } from '../run-request';
import { runOutcome } from '../run-outcome';
import { EXIT } from '../usage-error';
import { describeOutcome } from './start-command';

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
      const found = await findRun(connection, runId);
      const { executionArn } = found;
      let { execution } = found;
      if (options.follow && execution.status === 'RUNNING') {
        const view = options.json ? undefined : new ProgressView(io.out, execution.startDate?.getTime() ?? Date.now());
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
      const outcome = runOutcome({ ...execution, executionArn }, events, new Date());
      const current = execution.status === 'RUNNING' ? runningSteps(events) : [];
      if (options.json) writeJson(io, { ...outcome, currentSteps: current });
      else io.out.write(execution.status === 'RUNNING' ? `Run ${runId} is running: ${current.map(stepTitle).join(', ') || 'between steps'}\n` : describeOutcome(outcome));
      exit(execution.status === 'RUNNING' || execution.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed);
    } finally {
      await connection.close();
    }
  });
}

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
