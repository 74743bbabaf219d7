import { Command } from 'commander';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { guidedRun, requirePause } from '../guided/guided-run';
import { renderLesson } from '../render/lesson-view';
import { parseRunId } from '../run-request';
import { EXIT } from '../usage-error';

/** `vpce-lab lesson <run-id>`: where a guided run is paused, what to try there and what it should print. */
export function lessonCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('lesson')
      .description('where a guided run is paused: the commands to try on which instance, what they print now and after vpce-lab next')
      .argument('<run-id>', 'the guided run (see vpce-lab list)', parseRunId),
  ).action(async (runId: string, options: CommonOptions) => {
    const connection = await connect(options);
    try {
      const pause = requirePause(await guidedRun(connection, runId));
      if (!pause.brief) throw new Error(`Run ${runId} is paused ${pause.stop}, but its history holds no brief of the lesson (the OpenLesson step's output)`);
      if (options.json) writeJson(io, { runId, paused: pause.stop, lesson: pause.brief });
      else io.out.write(renderLesson(runId, pause.brief, new Date()));
      exit(EXIT.ok);
    } finally {
      await connection.close();
    }
  });
}
