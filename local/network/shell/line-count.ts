/**
 * What head and tail share: the lines of a text each with its own newline
 * (a last line without one stays without, as both tools copy bytes), and
 * their `-n` count as coreutils reads it (xdectoumax of head.c and tail.c):
 * digits, which an error names in the quotes gnulib's quote() prints in a
 * UTF-8 locale ("invalid number of lines: ‘x’").
 */
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
