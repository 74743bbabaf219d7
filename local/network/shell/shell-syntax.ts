import { isKind } from '../../../functions/commons/is-kind';
/**
 * The part of POSIX shell syntax a Run Command script of the lab uses: words
 * with quotes and backslashes, `;`, `&&`, `||`, comments and output
 * redirections (`>/dev/null`, `2>&1`, `&>`). Parameter expansion, command
 * substitution, pipelines, background jobs and input redirection are not
 * simulated: a line using them is refused as a whole, never half-run.
 */

export type Connector = ';' | '&&' | '||';

export type Stream = 1 | 2;

/** `fd>path` (a file or /dev/null: either way the text leaves the script's output) or `fd>&n`. */
export interface Redirect {
  readonly from: Stream | 'both';
  readonly to: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'stream'; readonly stream: Stream };
}

export interface SimpleCommand {
  readonly words: readonly string[];
  readonly redirects: readonly Redirect[];
}

export interface ListItem {
  /** How this command depends on the one before it (`;` for the first). */
  readonly connector: Connector;
  readonly command: SimpleCommand;
}

export type ScriptLine =
  | { readonly kind: 'commands'; readonly lineNumber: number; readonly items: readonly ListItem[] }
  | { readonly kind: 'syntax-error'; readonly lineNumber: number; readonly messages: readonly string[] };

type Token = { readonly type: 'word'; readonly value: string } | { readonly type: 'operator'; readonly value: string } | { readonly type: 'redirect'; readonly redirect: PendingRedirect };

interface PendingRedirect {
  readonly from: Stream | 'both';
  /** Set for `>&n`; otherwise the next word names the file. */
  readonly stream?: Stream;
}

class SyntaxProblem extends Error {}

const UNSIMULATED: Record<string, string> = {
  '|': 'pipelines (|)',
  '&': 'background jobs (&)',
  '<': 'input redirection (<)',
  $: 'parameter expansion and command substitution ($)',
  '`': 'command substitution (`)',
};

const unsimulated = (what: string): SyntaxProblem => new SyntaxProblem(`${what} are not simulated by the local cloud`);

/** The script as SSM's agent writes it to `_script.sh`: the commands joined by newlines, one numbered line each. */
export function parseScript(commands: readonly string[]): ScriptLine[] {
  const lines = commands.join('\n').split('\n');
  const parsed: ScriptLine[] = [];
  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    try {
      const items = parseLine(text);
      if (items.length > 0) parsed.push({ kind: 'commands', lineNumber, items });
    } catch (error) {
      if (!(isKind(error, SyntaxProblem))) throw error;
      parsed.push({ kind: 'syntax-error', lineNumber, messages: [error.message, `\`${text}'`] });
    }
  });
  return parsed;
}

function parseLine(text: string): ListItem[] {
  const items: ListItem[] = [];
  let connector: Connector = ';';
  let words: string[] = [];
  let redirects: Redirect[] = [];
  let pending: PendingRedirect | undefined;
  const finish = (next: Connector | undefined, token: string): void => {
    if (pending) throw new SyntaxProblem(`syntax error near unexpected token \`${token}'`);
    if (words.length === 0) {
      if (redirects.length > 0 || next === undefined) return;
      throw new SyntaxProblem(`syntax error near unexpected token \`${token}'`);
    }
    items.push({ connector, command: { words, redirects } });
    connector = next ?? ';';
    words = [];
    redirects = [];
  };
  for (const token of tokenize(text)) {
    if (token.type === 'redirect') {
      if (pending) throw new SyntaxProblem(`syntax error near unexpected token \`>'`);
      if (token.redirect.stream !== undefined) redirects.push({ from: token.redirect.from, to: { kind: 'stream', stream: token.redirect.stream } });
      else pending = token.redirect;
    } else if (token.type === 'word') {
      if (pending) redirects.push({ from: pending.from, to: { kind: 'file', path: token.value } });
      else words.push(token.value);
      pending = undefined;
    } else {
      finish(token.value as Connector, token.value);
    }
  }
  if (pending) throw new SyntaxProblem("syntax error near unexpected token `newline'");
  if (words.length === 0 && connector !== ';') throw new SyntaxProblem('syntax error: unexpected end of file');
  finish(undefined, 'newline');
  return items;
}

/** Splits a line into words, list operators and redirections, removing quotes as the shell does. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const endWord = (): void => {
    if (inWord) tokens.push({ type: 'word', value: word });
    word = '';
    inWord = false;
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === ' ' || char === '\t') {
      endWord();
    } else if (char === '#' && !inWord) {
      break;
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new SyntaxProblem("unexpected EOF while looking for matching `''");
      word += text.slice(i + 1, close);
      inWord = quoted = true;
      i = close;
    } else if (char === '"') {
      i = readDoubleQuoted(text, i, (value) => (word += value));
      inWord = quoted = true;
    } else if (char === '\\') {
      word += next ?? '';
      inWord = true;
      i++;
    } else if (char === '>' || (char === '&' && next === '>')) {
      const fdWord = inWord && !quoted && (word === '1' || word === '2') ? word : undefined;
      if (inWord && !fdWord) endWord();
      const from: Stream | 'both' = char === '&' ? 'both' : fdWord === '2' ? 2 : 1;
      word = '';
      inWord = false;
      i += char === '&' ? 1 : 0;
      if (text[i + 1] === '>') i++;
      const dup = /^&([12])/.exec(text.slice(i + 1));
      if (dup && from !== 'both') i += 2;
      tokens.push({ type: 'redirect', redirect: dup && from !== 'both' ? { from, stream: Number(dup[1]) as Stream } : { from } });
    } else if ((char === '&' && next === '&') || (char === '|' && next === '|')) {
      endWord();
      tokens.push({ type: 'operator', value: char + next });
      i++;
    } else if (char === ';') {
      endWord();
      tokens.push({ type: 'operator', value: ';' });
    } else if (Object.hasOwn(UNSIMULATED, char)) {
      throw unsimulated(UNSIMULATED[char] as string);
    } else {
      word += char;
      inWord = true;
    }
  }
  endWord();
  return tokens;
}

/** Reads `"…"` from the quote at `start`; returns the index of the closing quote. */
function readDoubleQuoted(text: string, start: number, append: (value: string) => void): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') return i;
    if (char === '$' || char === '`') throw unsimulated(UNSIMULATED[char] as string);
    if (char === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) {
      append(text[i + 1] as string);
      i++;
    } else {
      append(char);
    }
  }
  throw new SyntaxProblem('unexpected EOF while looking for matching `"\'');
}
