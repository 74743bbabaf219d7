import { type GnuProgram, parseGnuOptions, standardInput } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's wc (wc.c: "clLmw"); usage errors exit 1. */
const WC: GnuProgram = {
  name: 'wc',
  failure: 1,
  shortOptions: 'clLmw',
  longOptions: { bytes: 'c', chars: 'm', lines: 'l', words: 'w', 'files0-from=': 'files0-from', 'max-line-length': 'L', help: 'help', version: 'version' },
  simulated: ['l', 'w', 'c'],
  simulatedText: '-l, -w and -c, on standard input',
};

/**
 * GNU wc of its standard input: newlines, words and bytes, in that order,
 * those asked for (all three when none is). One count is printed alone; more
 * are each right-aligned in 7 columns and separated by a space, the width
 * wc.c gives an input that is not a regular file (`compute_number_width`).
 */
export const wc: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(WC, args);
  if (!parsed.ok) return parsed.outcome;
  const input = standardInput(WC, context, parsed.operands);
  if (typeof input !== 'string') return input;
  const given = new Set(parsed.options.map((option) => option.name));
  const all = given.size === 0;
  const counts = [
    { on: all || given.has('l'), value: (input.match(/\n/g) ?? []).length },
    { on: all || given.has('w'), value: (input.match(/\S+/g) ?? []).length },
    { on: all || given.has('c'), value: Buffer.byteLength(input) },
  ].filter((count) => count.on);
  const width = counts.length === 1 ? 1 : 7;
  return outcome({ stdout: `${counts.map((count) => String(count.value).padStart(width)).join(' ')}\n` });
};
