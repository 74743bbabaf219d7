import { isKind } from '../../../functions/commons/is-kind';
import { type GivenOption, type GnuProgram, joinLines, linesOf, parseGnuOptions, standardInput } from './gnu-options';
import { PatternProblem, type PatternSyntax, translatePattern } from './grep-pattern';
import { outcome, type ShellCommand } from './shell-command';

const GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/** GNU grep 3.x (grep.c: `short_options`, `long_options`); trouble exits 2. */
const GREP: GnuProgram = {
  name: 'grep',
  failure: 2,
  shortOptions: '0123456789A:B:C:D:EFGHIJLNPRTUVX:abcd:e:f:hiLlm:noqRrsuvwxyZz',
  longOptions: {
    'after-context=': 'A',
    'basic-regexp': 'G',
    'before-context=': 'B',
    'binary-files=': 'binary-files',
    'byte-offset': 'b',
    'context=': 'C',
    color: 'color',
    colour: 'color',
    count: 'c',
    'devices=': 'D',
    'directories=': 'd',
    'dereference-recursive': 'R',
    'exclude=': 'exclude',
    'exclude-from=': 'exclude-from',
    'exclude-dir=': 'exclude-dir',
    'extended-regexp': 'E',
    'file=': 'f',
    'files-with-matches': 'l',
    'files-without-match': 'L',
    'fixed-strings': 'F',
    help: 'help',
    'include=': 'include',
    'ignore-case': 'i',
    'no-ignore-case': 'no-ignore-case',
    'initial-tab': 'T',
    'label=': 'label',
    'line-buffered': 'line-buffered',
    'line-number': 'n',
    'line-regexp': 'x',
    'max-count=': 'm',
    'no-filename': 'h',
    'no-group-separator': 'no-group-separator',
    'no-messages': 's',
    null: 'Z',
    'null-data': 'z',
    'only-matching': 'o',
    'perl-regexp': 'P',
    quiet: 'q',
    recursive: 'r',
    'regexp=': 'e',
    'invert-match': 'v',
    silent: 'q',
    text: 'a',
    binary: 'U',
    'unix-byte-offsets': 'u',
    version: 'V',
    'with-filename': 'H',
    'word-regexp': 'w',
  },
  simulated: ['c', 'v', 'i', 'n', 'q', 'x', 'w', 'E', 'F', 'G', 'e'],
  simulatedText: '-c, -v, -i, -n, -q, -x, -w, -E, -F, -G and -e, on standard input',
  tryHelp: GREP_USAGE,
};

function syntaxOf(options: readonly GivenOption[]): PatternSyntax {
  const last = options.filter((option) => ['E', 'F', 'G'].includes(option.name)).at(-1)?.name;
  return last === 'E' ? 'extended' : last === 'F' ? 'fixed' : 'basic';
}

/** The expression a line must match: any of the patterns (a pattern's lines are patterns each), whole words or lines as `-w`/`-x` ask. */
function matcher(patterns: readonly string[], options: readonly GivenOption[]): RegExp {
  const given = new Set(options.map((option) => option.name));
  const syntax = syntaxOf(options);
  const sources = patterns.flatMap((pattern) => pattern.split('\n')).map((pattern) => `(?:${translatePattern(pattern, syntax)})`);
  let source = sources.join('|');
  if (given.has('x')) source = `^(?:${source})$`;
  else if (given.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  return new RegExp(source, given.has('i') ? 'i' : '');
}

/**
 * GNU grep of its standard input: the lines matching the pattern (`-v` those
 * that do not), `-n` numbered `N:`, `-c` only their count, `-q` nothing.
 * Exit 0 when a line was selected, 1 when none was, 2 for trouble: an
 * invalid pattern is grep's message for it ("grep: Unmatched ( or \(").
 */
export const grep: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(GREP, args);
  if (!parsed.ok) return parsed.outcome;
  const { options } = parsed;
  const given = new Set(options.map((option) => option.name));
  const fromOptions = options.filter((option) => option.name === 'e').map((option) => option.value ?? '');
  const operands = [...parsed.operands];
  const patterns = fromOptions.length > 0 ? fromOptions : operands.splice(0, 1);
  if (patterns.length === 0) return outcome({ stderr: GREP_USAGE, status: 2 });
  let expression: RegExp;
  try {
    expression = matcher(patterns, options);
  } catch (error) {
    if (isKind(error, PatternProblem)) return outcome({ stderr: `grep: ${error.message}\n`, status: 2 });
    if (isKind(error, SyntaxError)) return outcome({ stderr: 'grep: Invalid regular expression\n', status: 2 });
    throw error;
  }
  const input = standardInput(GREP, context, operands);
  if (typeof input !== 'string') return input;
  const selected = linesOf(input)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => expression.test(line) !== given.has('v'));
  const status = selected.length > 0 ? 0 : 1;
  if (given.has('q')) return outcome({ status });
  if (given.has('c')) return outcome({ stdout: `${selected.length}\n`, status });
  return outcome({ stdout: joinLines(selected.map(({ line, number }) => (given.has('n') ? `${number}:${line}` : line))), status });
};
