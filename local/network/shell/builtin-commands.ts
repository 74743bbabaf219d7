import { instanceHostname } from '../dns-resolver';
import { outcome, type ShellCommand } from './shell-command';

const ECHO_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07' };

/** bash's builtin echo: `-n` drops the newline, `-e` interprets backslash escapes. */
export const echo: ShellCommand = (_context, args) => {
  let index = 0;
  let newline = true;
  let escapes = false;
  for (; index < args.length && /^-[neE]+$/.test(args[index] as string); index++) {
    const flags = args[index] as string;
    if (flags.includes('n')) newline = false;
    if (flags.includes('e')) escapes = true;
    if (flags.includes('E')) escapes = false;
  }
  let text = args.slice(index).join(' ');
  if (escapes) text = text.replace(/\\([ntr\\a])/g, (_match, code: string) => ECHO_ESCAPES[code] as string);
  return outcome({ stdout: newline ? `${text}\n` : text });
};

/** `hostname` prints the instance's private DNS name; `-I` its addresses. */
export const hostname: ShellCommand = ({ instance }, args) => {
  if (args[0] === '-I') return outcome({ stdout: `${instance.privateIpAddress} \n` });
  return outcome({ stdout: `${instanceHostname(instance)}\n` });
};

const SLEEP_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** coreutils sleep: the sum of its arguments, each a number with an optional unit. */
export const sleep: ShellCommand = (_context, args) => {
  if (args.length === 0) return outcome({ stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", status: 1 });
  let seconds = 0;
  for (const arg of args) {
    const match = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) return outcome({ stderr: `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`, status: 1 });
    seconds += Number(match[1]) * (SLEEP_UNITS[match[2] as string] as number);
  }
  return outcome({ seconds });
};

/** bash's builtins `true` and `:` (status 0) and `false` (status 1), whatever their arguments. */
export const trueCommand: ShellCommand = () => outcome({});
export const falseCommand: ShellCommand = () => outcome({ status: 1 });
