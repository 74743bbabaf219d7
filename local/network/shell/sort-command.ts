import { type GnuProgram, joinLines, linesOf, parseGnuOptions, standardInput } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's sort (sort.c: `short_options`, `long_options`); usage errors exit SORT_FAILURE, 2. */
const SORT: GnuProgram = {
  name: 'sort',
  failure: 2,
  shortOptions: 'bcCdfghik:mMno:rRsS:t:T:uVy:z',
  longOptions: {
    'ignore-leading-blanks': 'b',
    check: 'check',
    'compress-program=': 'compress-program',
    debug: 'debug',
    'dictionary-order': 'd',
    'ignore-case': 'f',
    'files0-from=': 'files0-from',
    'general-numeric-sort': 'g',
    'ignore-nonprinting': 'i',
    'key=': 'k',
    merge: 'm',
    'month-sort': 'M',
    'numeric-sort': 'n',
    'human-numeric-sort': 'h',
    'version-sort': 'V',
    'random-sort': 'R',
    'random-source=': 'random-source',
    'sort=': 'sort',
    'output=': 'o',
    reverse: 'r',
    stable: 's',
    'buffer-size=': 'S',
    'field-separator=': 't',
    'temporary-directory=': 'T',
    unique: 'u',
    'zero-terminated': 'z',
    'parallel=': 'parallel',
    help: 'help',
    version: 'version',
  },
  simulated: ['n', 'r', 'u'],
  simulatedText: '-n, -r and -u, on standard input',
};

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `-n`'s number at the start of a line (blanks skipped, an optional `-`, digits, a `.` and digits); a line with none counts as 0. */
function leadingNumber(line: string): number {
  const match = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(line);
  const [, sign = '', whole = '', fraction = ''] = match ?? [];
  if (whole === '' && fraction === '') return 0;
  return Number(`${sign}${whole || '0'}.${fraction || '0'}`);
}

const byNumber = (a: string, b: string): number => Math.sign(leadingNumber(a) - leadingNumber(b));

/**
 * GNU sort of its standard input: whole lines in byte order, as the C.UTF-8
 * locale of Amazon Linux 2023 collates (code point order); `-n` by the number
 * each line starts with, lines of equal number then in byte order (sort's
 * last-resort comparison); `-r` reverses the whole order; `-u` keeps the
 * first line of each run of equal keys, with no last-resort comparison
 * (coreutils manual, "sort invocation"). Every line ends with a newline.
 */
export const sort: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(SORT, args);
  if (!parsed.ok) return parsed.outcome;
  const input = standardInput(SORT, context, parsed.operands);
  if (typeof input !== 'string') return input;
  const given = new Set(parsed.options.map((option) => option.name));
  const [numeric, reverse, unique] = [given.has('n'), given.has('r'), given.has('u')];
  const key = numeric ? byNumber : byBytes;
  const order = (a: string, b: string): number => {
    const byKey = key(a, b);
    const result = byKey === 0 && numeric && !unique ? byBytes(a, b) : byKey;
    return reverse ? -result : result;
  };
  const sorted = linesOf(input).sort(order);
  const kept = unique ? sorted.filter((line, index) => index === 0 || key(sorted[index - 1] as string, line) !== 0) : sorted;
  return outcome({ stdout: joinLines(kept) });
};
