import type { GnuProgram } from './gnu-options';
import { countedLines } from './line-count';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's tail (tail.c: "c:n:fFqs:vz0123456789"); usage errors exit 1. */
const TAIL: GnuProgram = {
  name: 'tail',
  failure: 1,
  shortOptions: 'c:n:fFqs:vz0123456789',
  longOptions: {
    'bytes=': 'c',
    follow: 'f',
    'lines=': 'n',
    'max-unchanged-stats=': 'max-unchanged-stats',
    'pid=': 'pid',
    quiet: 'q',
    silent: 'q',
    retry: 'retry',
    'sleep-interval=': 's',
    verbose: 'v',
    'zero-terminated': 'z',
    help: 'help',
    version: 'version',
  },
  simulated: ['n', 'q'],
  simulatedText: '-n N, -n +N, -N and -q, on standard input',
};

/** GNU tail of its standard input: the last 10 lines, or `-n N` (`-N`); `-n +N` from line N on. */
export const tail: ShellCommand = (context, args) => {
  const read = countedLines(TAIL, context, args);
  if ('status' in read) return read;
  const { lines, ...count } = read;
  const kept = count.sign === '+' ? lines.slice(Math.max(0, count.count - 1)) : count.count === 0 ? [] : lines.slice(-count.count);
  return outcome({ stdout: kept.join('') });
};
