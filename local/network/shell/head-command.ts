import { type GnuProgram, parseGnuOptions, standardInput } from './gnu-options';
import { linesWithEnds, obsoleteCount, parseLineCount } from './line-count';
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
  const parsed = parseGnuOptions(HEAD, obsoleteCount(args));
  if (!parsed.ok) return parsed.outcome;
  const given = parsed.options.filter((option) => option.name === 'n').at(-1);
  const count = parseLineCount('head', given?.value ?? '10');
  if (!count.ok) return outcome({ stderr: count.stderr, status: 1 });
  const input = standardInput(HEAD, context, parsed.operands);
  if (typeof input !== 'string') return input;
  const lines = linesWithEnds(input);
  const kept = count.sign === '-' ? lines.slice(0, Math.max(0, lines.length - count.count)) : lines.slice(0, count.count);
  return outcome({ stdout: kept.join('') });
};
