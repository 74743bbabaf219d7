import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { Command } from 'commander';
import { type CliIo, writeJson, writeJsonError } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { runExecution } from '../connection/find-run';
import { runningState } from '../follow/running-state';
import { executionName, runWorkflow } from '../follow/run-workflow';
import { failureLine } from '../render/failure-line';
import { runResources } from '../resources/run-resources';
import { parseRunId } from '../run-request';
import { EXIT } from '../usage-error';
import { NoSuchRun } from './no-such-run';

/** `vpce-lab teardown <run-id>`: remove everything tagged with the run, in dependency order, now. */
export function teardownCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('teardown').description("remove every resource of a run now (endpoints, endpoint service, NLB, instances, VPCs); safe to repeat").argument('<run-id>', 'the run (see vpce-lab list)', parseRunId),
  ).action(async (runId: string, options: CommonOptions) => {
    const connection = await connect(options);
    try {
      // A mistyped id must not look like a teardown that worked while the real run goes on billing.
      const found = await runExecution(connection, runId);
      if (!found && (await runResources(connection, runId)).length === 0) throw new NoSuchRun(runId, connection.description);
      // A guided run waiting for its student has nothing in flight: it is stopped, so it does not wait out its pause over a lab that is gone.
      if (found?.execution.status === 'RUNNING' && (await runningState(connection.sfn, found.executionArn)) === 'PAUSED') {
        await connection.sfn.send(new StopExecutionCommand({ executionArn: found.executionArn, error: 'TornDown', cause: `vpce-lab teardown ${runId} while the run was paused` }));
        if (!options.json) io.out.write(`Stopped ${runId}, which was paused for its student.\n`);
      }
      if (!options.json) io.out.write(`Tearing down ${runId} on ${connection.description}\n`);
      const result = await runWorkflow(io, connection, 'teardown', { runId }, executionName(`teardown-${runId}`, new Date()), options.json);
      if (options.json) {
        writeJson(io, { runId, ...result });
        if (result.failure) writeJsonError(io, { ...result.failure, exitCode: EXIT.failed });
      } else io.out.write(result.failure ? `Teardown of ${runId} ${result.status.toLowerCase()}: ${failureLine(result.failure)}\n` : `Nothing of ${runId} remains.\n`);
      exit(result.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed);
    } finally {
      await connection.close();
    }
  });
}
