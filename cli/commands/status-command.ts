import { Command } from 'commander';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { findRun } from '../connection/find-run';
import { connectionClock } from '../follow/connection-clock';
import { executionHistory } from '../follow/execution-events';
import { HOLD_STATE } from '../follow/run-hold';
import { renderHeldRun } from '../render/held-run-view';
import { stepTitle } from '../render/progress-view';
import { runResources } from '../resources/run-resources';
import { parseRunId } from '../run-request';
import { runOutcome } from '../run-outcome';
import { EXIT } from '../usage-error';
import { describeOutcome, writeOutcomeJson } from './start-command';

/** `vpce-lab status <run-id>`: where a run is, or how it ended, with its report; exit 1 for a run that did not succeed. */
export function statusCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(new Command('status').description("show a run's state, its current step, its report and cost").argument('<run-id>', 'the run (see vpce-lab list)', parseRunId)).action(
    async (runId: string, options: CommonOptions) => {
      const connection = await connect(options);
      try {
        const { executionArn, execution } = await findRun(connection, runId);
        const events = await executionHistory(connection.sfn, executionArn);
        const now = new Date();
        const outcome = runOutcome({ ...execution, executionArn }, events, now, connectionClock(connection));
        const current = execution.status === 'RUNNING' ? runningSteps(events) : [];
        if (current.includes(HOLD_STATE)) {
          const resources = await runResources(connection, runId);
          if (options.json) writeJson(io, { ...outcome, currentSteps: current, resources });
          else io.out.write(renderHeldRun(outcome, resources, now));
        } else if (options.json) writeOutcomeJson(io, outcome, { currentSteps: current });
        else io.out.write(execution.status === 'RUNNING' ? `Run ${runId} is running: ${current.map(stepTitle).join(', ') || 'between steps'}\n` : describeOutcome(outcome));
        exit(execution.status === 'RUNNING' || execution.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed);
      } finally {
        await connection.close();
      }
    },
  );
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
