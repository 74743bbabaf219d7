import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './cli-io';
import { cleanupCommand } from './commands/cleanup-command';
import { listCommand } from './commands/list-command';
import { localCommand } from './commands/local-command';
import { reportCommand } from './commands/report-command';
import { startCommand } from './commands/start-command';
import { statusCommand } from './commands/status-command';
import { teardownCommand } from './commands/teardown-command';
import { EXIT, UsageError } from './usage-error';
import { isKind } from '../functions/commons/is-kind';
import { FollowInterrupted } from './follow/execution-events';

/** Builds the `vpce-lab` command. Exit codes: 0 ok, 1 the run (or its teardown) failed, 2 bad usage. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command('vpce-lab')
    .description('Runs the AWS VPC-endpoint lab: build, verify each lesson, tear down; on the local cloud (default) or on AWS')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.write(text) });
  for (const command of [startCommand, statusCommand, reportCommand, listCommand, teardownCommand, cleanupCommand, localCommand]) {
    program.addCommand(command(io, exit).exitOverride().configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.write(text) }));
  }
  return program;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  try {
    await buildProgram(io, (result) => (code = result)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (isKind(error, CommanderError)) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (isKind(error, FollowInterrupted)) {
      io.err.write(`\nStopped following ${error.executionArn}; the execution goes on where it runs (vpce-lab list shows it).\n`);
      return EXIT.interrupted;
    }
    if (isKind(error, UsageError)) {
      io.err.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err.write(`error: ${Error.isError(error) ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
