import { Command, CommanderError } from 'commander';
import { localCommand } from './commands/local-command';
import { EXIT, UsageError } from './usage-error';

/** Builds the `vpce-lab` command. Exit codes: 0 ok, 1 the work failed, 2 bad usage. */
export function buildProgram(): Command {
  const program = new Command('vpce-lab')
    .description('Runs the AWS VPC-endpoint lab: build, verify and tear down, on AWS or on the local cloud')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.addCommand(localCommand());
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
