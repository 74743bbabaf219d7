import { type CommandOutcome, outcome, type ShellCommand } from './shell-command';

/** The options of bash(1) the model takes: `-c` and the login options, which change only an environment the local shell does not have. */
const TAKEN_FLAGS = ['c', 'l'];
const TAKEN_LONG = ['--login', '--noprofile', '--norc'];

const refused = (name: string, what: string): CommandOutcome =>
  outcome({ stderr: `${name}: ${what} is not simulated by the local cloud (only ${name} [-l] -c 'COMMANDS' and commands on standard input)\n`, status: 2 });

/**
 * bash (and sh, which is bash on Amazon Linux 2023) run by a command:
 * `bash -c 'STRING' [NAME [ARG…]]` runs STRING as the user running bash,
 * on the same instance, with this command's standard input, and exits with
 * its status; `bash` with no operand runs the commands of its standard input.
 * Its messages name it as invoked ("bash: line 1: foo: command not found",
 * "bash: -c: line 1: syntax error …"); `-c` with nothing after it is "bash:
 * -c: option requires an argument", exit 2 (bash(1), OPTIONS). The NAME and
 * ARGs after STRING would be `$0`, `$1`, …, which the local shell does not
 * expand, so they are ignored. A script file and other options are refused.
 */
export const shellProgram =
  (name: 'bash' | 'sh'): ShellCommand =>
  (context, args) => {
    let commandString = false;
    let index = 0;
    for (; index < args.length; index++) {
      const arg = args[index] as string;
      if (arg === '--') {
        index++;
        break;
      }
      if (TAKEN_LONG.includes(arg)) continue;
      if (arg.startsWith('--')) return refused(name, `the option ${arg}`);
      if (!arg.startsWith('-') || arg === '-') break;
      const unknown = [...arg.slice(1)].find((flag) => !TAKEN_FLAGS.includes(flag));
      if (unknown !== undefined) return refused(name, `the option -${unknown}`);
      if (arg.includes('c')) commandString = true;
    }
    const operands = args.slice(index);
    if (!commandString && operands.length > 0) return refused(name, `running the script file ${operands[0]}`);
    if (commandString && operands.length === 0) return outcome({ stderr: `${name}: -c: option requires an argument\n`, status: 2 });
    const input = context.readStdin();
    const [script, stdin] = commandString ? [operands[0] as string, input] : [input, ''];
    const result = context.shellOn(context.instance, script, {
      user: context.user,
      startedAt: context.at,
      stdin,
      shellName: name,
      commandString,
      timeLimitSeconds: context.timeLeft,
    });
    return outcome({ stdout: result.stdout, stderr: result.stderr, status: result.exitCode, seconds: result.elapsedSeconds, timedOut: result.timedOut });
  };
