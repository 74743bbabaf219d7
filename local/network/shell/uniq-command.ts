import { type GnuProgram, joinLines, linesOf, parseGnuOptions, standardInput } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's uniq (uniq.c: "-0123456789Dcdf:is:uw:z"); usage errors exit 1. */
const UNIQ: GnuProgram = {
  name: 'uniq',
  failure: 1,
  shortOptions: '0123456789Dcdf:is:uw:z',
  longOptions: {
    count: 'c',
    repeated: 'd',
    'all-repeated': 'D',
    group: 'group',
    'ignore-case': 'i',
    unique: 'u',
    'skip-fields=': 'f',
    'skip-chars=': 's',
    'check-chars=': 'w',
    'zero-terminated': 'z',
    help: 'help',
    version: 'version',
  },
  simulated: ['c', 'd', 'u', 'i'],
  simulatedText: '-c, -d, -u and -i, on standard input',
};

/**
 * GNU uniq of its standard input: each run of adjacent equal lines once
 * (`-i` comparing them case-insensitively); `-d` only the runs of more than
 * one line, `-u` only the single ones; `-c` prefixes each with its count as
 * uniq.c prints it, `printf ("%7" PRIuMAX " ", count)`: right-aligned in
 * seven columns, then a space.
 */
export const uniq: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(UNIQ, args);
  if (!parsed.ok) return parsed.outcome;
  if (parsed.operands.length > 1) return outcome({ stderr: 'uniq: writing to an output file is not simulated by the local cloud (only standard output)\n', status: 1 });
  const input = standardInput(UNIQ, context, parsed.operands);
  if (typeof input !== 'string') return input;
  const given = new Set(parsed.options.map((option) => option.name));
  const same = given.has('i') ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  const runs: { line: string; count: number }[] = [];
  for (const line of linesOf(input)) {
    const last = runs.at(-1);
    if (last && same(last.line, line)) last.count++;
    else runs.push({ line, count: 1 });
  }
  const shown = runs.filter(({ count }) => (!given.has('d') || count > 1) && (!given.has('u') || count === 1));
  const lines = shown.map(({ line, count }) => (given.has('c') ? `${String(count).padStart(7)} ${line}` : line));
  return outcome({ stdout: joinLines(lines) });
};
