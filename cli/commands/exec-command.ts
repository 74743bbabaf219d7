import { Command, Option } from 'commander';
import type { LabInstanceRole } from '../../functions/lab/guided/lesson-brief';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { untilInterrupted } from '../follow/interrupt';
import { execOnInstance, type ExecResult, STDERR_KEPT, STDOUT_KEPT } from '../guided/exec-on-instance';
import { LONGEST_EXEC_SECONDS, parseExecTimeout, parseInstanceRole } from '../option-parsers';
import { parseRunId } from '../run-request';
import { EXIT, UsageError } from '../usage-error';

interface ExecOptions extends CommonOptions {
  readonly on: LabInstanceRole;
  readonly timeout: number;
}

/** The exit status `timeout(1)` gives a command it stopped: what a student's shell would show. */
const TIMED_OUT_EXIT = 124;

/** The command line as ssh makes one of its arguments: joined by spaces, so `-- 'a | b'` and `-- a '|' b` are the same line. */
function commandLine(words: readonly string[]): string {
  const line = words.join(' ').trim();
  if (line === '') throw new UsageError('give the command to run after --, for example: vpce-lab exec <run-id> --on private -- dig +short s3.ap-northeast-2.amazonaws.com');
  if (/[\r\n]/.test(line)) throw new UsageError('exec runs one command line: join the lines with ; or &&.');
  return line;
}

/** What Run Command kept of the output and how it ended, said on stderr beside the command's own. */
function notes(result: ExecResult, timeoutSeconds: number): string[] {
  const said: string[] = [];
  if (result.cut.stdout) said.push(`vpce-lab: SSM keeps the first ${STDOUT_KEPT.toLocaleString('en-US')} characters of a command's output; the rest was cut.`);
  if (result.cut.stderr) said.push(`vpce-lab: SSM keeps the first ${STDERR_KEPT.toLocaleString('en-US')} characters of a command's error output; the rest was cut.`);
  if (result.status === 'TimedOut') said.push(`vpce-lab: the command ran longer than its --timeout of ${timeoutSeconds} s and was stopped.`);
  else if (result.status !== 'Success' && result.status !== 'Failed') said.push(`vpce-lab: Run Command ended the command as ${result.status}.`);
  return said;
}

/** The exit status of exec: the command's own, or why it has none. */
const exitOf = (result: ExecResult): number => (result.status === 'TimedOut' ? TIMED_OUT_EXIT : result.exitCode >= 0 ? result.exitCode & 0xff : EXIT.failed);

/** `vpce-lab exec <run-id> --on <instance> -- <command>`: one command on a lab instance, its output and exit status as the instance gives them. */
export function execCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('exec')
      .description("run one command on a lab instance, as the lab's user, and print what it prints (the private instance is reached from the public one by ssh, as the lab does)")
      .argument('<run-id>', 'the run (see vpce-lab list)', parseRunId)
      .argument('[command...]', 'the command line, after --')
      .addOption(new Option('--on <instance>', 'the instance: private or public').argParser(parseInstanceRole).makeOptionMandatory())
      .addOption(new Option('--timeout <seconds>', `stop the command after this long (at most ${LONGEST_EXEC_SECONDS})`).argParser(parseExecTimeout).default(60)),
  ).action(async (runId: string, words: string[], options: ExecOptions) => {
    const typed = commandLine(words);
    const connection = await connect(options);
    try {
      const result = await untilInterrupted((signal) => execOnInstance(connection, runId, options.on, typed, options.timeout, signal)).catch((error: unknown) => {
        if (Error.isError(error) && error.name === 'AbortError') return undefined;
        throw error;
      });
      if (!result) {
        io.err.write('\nStopped waiting: the command may still run on the instance until its --timeout.\n');
        exit(EXIT.interrupted);
        return;
      }
      if (options.json) writeJson(io, { runId, on: options.on, command: typed, ...result, exitCode: exitOf(result) });
      else {
        io.out.write(result.stdout);
        io.err.write(result.stderr);
        for (const line of notes(result, options.timeout)) io.err.write(`${line}\n`);
      }
      exit(exitOf(result));
    } finally {
      await connection.close();
    }
  });
}
