import { Command, CommanderError } from 'commander';
import { type CliIo, processIo, writeJsonError } from './cli-io';
import { cleanupCommand } from './commands/cleanup-command';
import { execCommand } from './commands/exec-command';
import { lessonCommand } from './commands/lesson-command';
import { listCommand } from './commands/list-command';
import { nextCommand } from './commands/next-command';
import { planCommand } from './commands/plan-command';
import { localCommand } from './commands/local-command';
import { reportCommand } from './commands/report-command';
import { startCommand } from './commands/start-command';
import { statusCommand } from './commands/status-command';
import { teardownCommand } from './commands/teardown-command';
import { EXIT, UsageError } from './usage-error';
import { isKind } from '../functions/commons/is-kind';
import { FollowInterrupted } from './follow/execution-events';

/** Builds the `vpce-lab` command. Exit codes: 0 ok, 1 the run (or its teardown) failed, 2 bad usage. */
export function buildProgram(io: CliIo, exit: (code: number) => void, json = false): Command {
  // With --json, commander's own error text is left out: main writes the error as JSON instead.
  const output = { writeOut: (text: string) => io.out.write(text), writeErr: (text: string) => (json ? undefined : io.err.write(text)) };
  const program = new Command('vpce-lab')
    .description('Runs the AWS VPC-endpoint lab: build, verify each lesson, tear down; on the local cloud (default) or on AWS')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(output);
  for (const command of [planCommand, startCommand, lessonCommand, execCommand, nextCommand, statusCommand, reportCommand, listCommand, teardownCommand, cleanupCommand, localCommand]) {
    program.addCommand(command(io, exit).exitOverride().configureOutput(output));
  }
  return program;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // What follows `--` is a command line for an instance (exec), not options of vpce-lab.
  const ours = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  const json = ours.includes('--json');
  const fail = (exitCode: number, code: string, message: string): number => {
    if (json) writeJsonError(io, { code, message, exitCode });
    else io.err.write(`error: ${message}\n`);
    return exitCode;
  };
  let code: number = EXIT.ok;
  try {
    await buildProgram(io, (result) => (code = result), json).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (isKind(error, CommanderError)) {
      if (error.exitCode === 0) return EXIT.ok;
      // Commander has written its message already, unless --json kept it back.
      return json ? fail(EXIT.usage, error.code, error.message.replace(/^error: /, '')) : EXIT.usage;
    }
    if (isKind(error, FollowInterrupted)) {
      const message = `Stopped following ${error.executionArn}; the execution goes on where it runs (vpce-lab list shows it).`;
      if (json) writeJsonError(io, { code: error.name, message, exitCode: EXIT.interrupted });
      else io.err.write(`\n${message}\n`);
      return EXIT.interrupted;
    }
    if (isKind(error, UsageError)) return fail(EXIT.usage, error.name, error.message);
    if (Error.isError(error)) return fail(EXIT.failed, error.name, error.message);
    return fail(EXIT.failed, 'Error', String(error));
  }
}
