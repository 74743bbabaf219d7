import { linuxUser } from '../linux-users';
import { type GnuProgram, parseGnuOptions } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** util-linux runuser (login-utils/su-common.c, `su_main`: "c:fg:G:lmpPs:u:hVw:"); its failures exit 1. */
const RUNUSER: GnuProgram = {
  name: 'runuser',
  failure: 1,
  shortOptions: 'c:fg:G:lmpPs:u:hVw:',
  longOptions: {
    'command=': 'c',
    'session-command=': 'C',
    fast: 'f',
    login: 'l',
    'preserve-environment': 'p',
    pty: 'P',
    'shell=': 's',
    'group=': 'g',
    'supp-group=': 'G',
    'user=': 'u',
    'whitelist-environment=': 'w',
    help: 'h',
    version: 'V',
  },
  simulated: ['u', 'c', 'C', 'f', 'l', 's'],
  simulatedText: 'runuser -u USER [--] COMMAND [ARGUMENT...]',
};

const fail = (message: string) => outcome({ stderr: `runuser: ${message}\n`, status: 1 });

/**
 * util-linux runuser as root uses it: `runuser -u USER [--] COMMAND [ARG…]`
 * runs COMMAND as USER on the same instance, with runuser's standard input,
 * and exits with its status. As su_main checks, in this order: `-u` with
 * `-c`, `-f`, `-l` or `-s` (or a `-` operand) is "options
 * --{shell,fast,command,session-command,login} and --user are mutually
 * exclusive"; no COMMAND is "no command was specified"; a user the instance
 * does not have is "user X does not exist or the user entry does not contain
 * all the required fields"; anyone but root is told it "may not be used by
 * non-root users"; a COMMAND that is no program is "failed to execute X: No
 * such file or directory". Options are read as getopt_long does, so an
 * option after COMMAND is runuser's own unless `--` comes first. Without
 * `-u` runuser works as su does (a shell for the user), which is not
 * simulated.
 */
export const runuser: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(RUNUSER, args);
  if (!parsed.ok) return parsed.outcome;
  const given = new Set(parsed.options.map((option) => option.name));
  const user = parsed.options.filter((option) => option.name === 'u').at(-1)?.value;
  if (user === undefined) return outcome({ stderr: `runuser: runuser without -u (su's way, a shell for the user) is not simulated by the local cloud (only ${RUNUSER.simulatedText})\n`, status: 1 });
  const login = parsed.operands[0] === '-';
  const command = login ? parsed.operands.slice(1) : parsed.operands;
  if (['c', 'C', 'f', 'l', 's'].some((option) => given.has(option)) || login) {
    return fail('options --{shell,fast,command,session-command,login} and --user are mutually exclusive');
  }
  if (command.length === 0) return fail('no command was specified');
  const account = linuxUser(user);
  if (!account) return fail(`user ${user} does not exist or the user entry does not contain all the required fields`);
  if (context.user !== 'root') return fail('may not be used by non-root users');
  const ran = context.execute(command, account.name);
  return ran ?? fail(`failed to execute ${command[0]}: No such file or directory`);
};
