import type { GnuProgram } from './gnu-options';
import { countedLines } from './line-count';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's head (head.c: "c:n:qvz0123456789"); usage errors exit 1. */
const HEAD: GnuProgram = {
  name: 'head',
  failure: 1,
  shortOptions: 'c:n:qvz0123456789',
  longOptions: { 'bytes=': 'c', 'lines=': 'n', quiet: 'q', silent: 'q', verbose: 'v', 'zero-terminated': 'z', help: 'help', version: 'version' },
  simulated: ['n', 'q'],
  simulatedText: '-n N, -N and -q, on standard input',
};

/** GNU head of its standard input: the first 10 lines, or `-n N` (`-N`); `-n -N` all but the last N. */
export const head: ShellCommand = (context, args) => {
  const read = countedLines(HEAD, context, args);
  if ('status' in read) return read;
  const { lines, ...count } = read;
  const kept = count.sign === '-' ? lines.slice(0, Math.max(0, lines.length - count.count)) : lines.slice(0, count.count);
  return outcome({ stdout: kept.join('') });
};
