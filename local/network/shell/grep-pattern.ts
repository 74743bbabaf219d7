/**
 * A grep pattern as a JavaScript regular expression (GNU grep manual,
 * "Regular Expressions"): basic (`-G`, the default) or extended (`-E`)
 * syntax, or a fixed string (`-F`). In a basic expression `\(`, `\)`,
 * `\{`, `\}`, `\|`, `\+` and `\?` are the operators and the bare characters
 * literal, the other way round in an extended one; `*` leading an
 * expression or a group is literal; bracket expressions take the POSIX
 * classes (`[[:digit:]]`); `\<`, `\>`, `\b`, `\w`, `\s` work as in GNU grep.
 * Back-references and equivalence classes are not translated.
 */
export type PatternSyntax = 'basic' | 'extended' | 'fixed';

export class PatternProblem extends Error {}

const CLASSES: Readonly<Record<string, string>> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  digit: '0-9',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\r\\f\\v',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

const escapeLiteral = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** `[…]` from the `[` at `start`: the JavaScript class and the index of its closing `]`. */
function bracket(pattern: string, start: number): { source: string; end: number } {
  let k = start + 1;
  let source = '[';
  if (pattern[k] === '^') {
    source += '^';
    k++;
  }
  for (let first = true; k < pattern.length; k++, first = false) {
    const char = pattern[k] as string;
    if (char === ']' && !first) return { source: `${source}]`, end: k };
    const named = /^\[:([a-z]+):\]/.exec(pattern.slice(k));
    if (named) {
      const members = CLASSES[named[1] as string];
      if (members === undefined) throw new PatternProblem('Invalid character class name');
      source += members;
      k += named[0].length - 1;
    } else {
      source += char === '\\' || char === '[' || char === ']' ? `\\${char}` : char;
    }
  }
  throw new PatternProblem('Unmatched [, [^, [:, [., or [=');
}

const SHORTHANDS: Readonly<Record<string, string>> = { '<': '\\b(?=\\w)', '>': '\\b(?<=\\w)', b: '\\b', B: '\\B', w: '\\w', W: '\\W', s: '\\s', S: '\\S' };

/** The source of a JavaScript regular expression matching what `pattern` matches in grep. */
export function translatePattern(pattern: string, syntax: PatternSyntax): string {
  if (syntax === 'fixed') return escapeLiteral(pattern);
  const extended = syntax === 'extended';
  let source = '';
  let depth = 0;
  /** Whether an operator here has nothing before it to apply to (so `*` is literal). */
  let atStart = true;
  for (let k = 0; k < pattern.length; k++) {
    const char = pattern[k] as string;
    const escaped = char === '\\';
    const token = escaped ? (pattern[++k] ?? '\\') : char;
    const operator = escaped !== extended;
    if (!escaped && token === '[') {
      const read = bracket(pattern, k);
      source += read.source;
      k = read.end;
    } else if (!escaped && token === '.') source += '.';
    else if (!escaped && token === '^' && (extended || atStart)) {
      source += '^';
      continue;
    }
    else if (!escaped && token === '$' && (extended || k === pattern.length - 1 || pattern.startsWith('\\)', k + 1) || pattern.startsWith('\\|', k + 1))) source += '$';
    else if (!escaped && token === '*') source += atStart ? '\\*' : '*';
    else if (operator && token === '(') {
      depth++;
      source += '(';
      atStart = true;
      continue;
    } else if (operator && token === ')') {
      if (--depth < 0) throw new PatternProblem('Unmatched ) or \\)');
      source += ')';
    } else if (operator && token === '|') {
      source += '|';
      atStart = true;
      continue;
    } else if (operator && (token === '+' || token === '?') && !atStart) source += token;
    else if (operator && token === '{' && !atStart) {
      const close = pattern.indexOf(extended ? '}' : '\\}', k);
      const bounds = close < 0 ? '' : pattern.slice(k + 1, close);
      if (!/^\d*(,\d*)?$/.test(bounds) || close < 0) throw new PatternProblem('Unmatched \\{');
      source += `{${bounds}}`;
      k = close + (extended ? 0 : 1);
    } else if (escaped && Object.hasOwn(SHORTHANDS, token)) source += SHORTHANDS[token];
    else source += escapeLiteral(token);
    atStart = false;
  }
  if (depth > 0) throw new PatternProblem('Unmatched ( or \\(');
  return source;
}
