import { SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { Command } from 'commander';
import { isKind } from '../../functions/commons/is-kind';
import type { CliIo } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { followRun } from '../follow/follow-run';
import { untilInterrupted } from '../follow/interrupt';
import { guidedRun, requirePause, RunNotPaused } from '../guided/guided-run';
import { stopTitle } from '../render/lesson-view';
import { parseRunId } from '../run-request';

/**
 * `vpce-lab next <run-id>`: continues a guided run from its pause (the
 * pause's task token sent back with SendTaskSuccess), then follows it to its
 * next pause or its end.
 */
export function nextCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('next')
      .description("continue a paused guided run: it adds the next lesson's endpoints, checks them and pauses again (after the last lesson: the report, then teardown)")
      .argument('<run-id>', 'the guided run (see vpce-lab list)', parseRunId),
  ).action(async (runId: string, options: CommonOptions) => {
    const connection = await connect(options);
    try {
      const guided = await guidedRun(connection, runId);
      const pause = requirePause(guided);
      try {
        await connection.sfn.send(new SendTaskSuccessCommand({ taskToken: pause.taskToken, output: JSON.stringify({ continuedAt: new Date().toISOString() }) }));
      } catch (error) {
        // The pause ended between the read and the call: timed out, or continued from another terminal.
        if (isKind(error, TaskTimedOut) || isKind(error, TaskDoesNotExist)) throw new RunNotPaused(`Run ${runId} is no longer paused ${stopTitle(pause.stop)}: ${error.message}`);
        throw error;
      }
      if (!options.json) io.out.write(`Run ${runId} goes on from its pause ${stopTitle(pause.stop)}.\n`);
      exit(await untilInterrupted((signal) => followRun(io, connection, guided.run, guided.executionArn, { json: options.json, shownUpTo: pause.scheduledEventId }, signal)));
    } finally {
      await connection.close();
    }
  });
}
