/**
 * What head and tail share: the lines of a text each with its own newline
 * (a last line without one stays without, as both tools copy bytes), and
 * their `-n` count as coreutils reads it (xdectoumax of head.c and tail.c):
 * digits, which an error names in the quotes gnulib's quote() prints in a
 * UTF-8 locale ("invalid number of lines: ‘x’").
 */
import { type GnuProgram, parseGnuOptions, standardInput } from './gnu-options';
import { type CommandContext, type CommandOutcome, outcome } from './shell-command';
export function linesWithEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export type LineCount = { readonly ok: true; readonly count: number; readonly sign: '' | '-' | '+' } | { readonly ok: false; readonly stderr: string };

export function parseLineCount(program: string, text: string): LineCount {
  const match = /^([-+]?)(\d+)$/.exec(text);
  if (!match) return { ok: false, stderr: `${program}: invalid number of lines: \u2018${text}\u2019\n` };
  return { ok: true, count: Number(match[2]), sign: match[1] as '' | '-' | '+' };
}

/** The obsolete `-N` as a first argument (`head -5`), which both tools take for `-n N`. */
export const obsoleteCount = (args: readonly string[]): readonly string[] => (/^-\d+$/.test(args[0] ?? '') ? ['-n', (args[0] as string).slice(1), ...args.slice(1)] : args);

/** What head and tail both read: their `-n` count (10 unless given, the last `-n` winning) and the lines of their standard input. */
export function countedLines(program: GnuProgram, context: CommandContext, args: readonly string[]): { readonly count: number; readonly sign: '' | '-' | '+'; readonly lines: string[] } | CommandOutcome {
  const parsed = parseGnuOptions(program, obsoleteCount(args));
  if (!parsed.ok) return parsed.outcome;
  const given = parsed.options.filter((option) => option.name === 'n').at(-1);
  const count = parseLineCount(program.name, given?.value ?? '10');
  if (!count.ok) return outcome({ stderr: count.stderr, status: 1 });
  const input = standardInput(program, context, parsed.operands);
  if (typeof input !== 'string') return input;
  return { count: count.count, sign: count.sign, lines: linesWithEnds(input) };
}
