import { isKind } from '../../../functions/commons/is-kind';
/**
 * The lexer of the local shell: a script's text as bash's tokenizer reads it
 * (bash(1), QUOTING and DEFINITIONS): words with their quoting kept, the
 * control operators `;`, `&&`, `||`, `|` and newlines, and output
 * redirections. `$NAME`, `${NAME}` and `$?` are kept as parameter parts of a word
 * for the parser to check and the interpreter to expand; every other `$`
 * form, backquotes, `&`, `<` and parentheses are constructs the local cloud
 * does not simulate: the lexer ends with an error token there, which makes
 * the command it belongs to refused as a whole.
 */

/** A piece of a word: literal text (quoted or not, quotes removed) or a parameter to expand. */
export type WordPart =
  | { readonly kind: 'literal'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'parameter'; readonly name: string; readonly quoted: boolean; readonly source: string };

export interface Word {
  readonly parts: readonly WordPart[];
  readonly line: number;
}

export type Stream = 1 | 2;

/** `fd>path`, `&>path` or `fd>&n`: for `fd>&n` the stream is known; otherwise the next word names the file. */
export interface PendingRedirect {
  readonly from: Stream | 'both';
  readonly stream?: Stream;
}

export type Operator = ';' | ';;' | '&&' | '||' | '|' | 'newline';

export type Token =
  | { readonly type: 'word'; readonly word: Word; readonly line: number }
  | { readonly type: 'operator'; readonly value: Operator; readonly line: number }
  | { readonly type: 'redirect'; readonly redirect: PendingRedirect; readonly line: number }
  /** Where the lexer stopped: a construct not simulated, or quotes never closed (`eof`). */
  | { readonly type: 'error'; readonly messages: readonly string[]; readonly line: number; readonly eof: boolean }
  | { readonly type: 'eof'; readonly line: number };

/** The plain text of a word that is one unquoted literal (a reserved word, a loop variable's name), else undefined. */
export function plainText(word: Word): string | undefined {
  const [only, ...rest] = word.parts;
  return only?.kind === 'literal' && !only.quoted && rest.length === 0 ? only.text : undefined;
}

/** The word as it was written, near enough for a message (quotes dropped, parameters as written). */
export const wordSource = (word: Word): string => word.parts.map((part) => (part.kind === 'literal' ? part.text : part.source)).join('');

export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const unsimulated = (what: string): string => `${what} are not simulated by the local cloud`;

class LexError extends Error {
  constructor(
    readonly messages: readonly string[],
    readonly eof = false,
  ) {
    super(messages.join('; '));
  }
}

/** Splits a script into tokens, ending with an `eof` token, or with an `error` token where it cannot go on. */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private parts: WordPart[] = [];
  private inWord = false;
  private wordLine = 1;
  private line = 1;
  private i = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    try {
      while (this.i < this.text.length) this.step();
      this.endWord();
      this.tokens.push({ type: 'eof', line: this.line });
    } catch (error) {
      if (!isKind(error, LexError)) throw error;
      this.tokens.push({ type: 'error', messages: error.messages, line: this.line, eof: error.eof });
    }
    return this.tokens;
  }

  private step(): void {
    const { text } = this;
    const char = text[this.i] as string;
    const next = text[this.i + 1];
    if (char === ' ' || char === '\t') {
      this.endWord();
    } else if (char === '\n') {
      this.endWord();
      this.tokens.push({ type: 'operator', value: 'newline', line: this.line });
      this.line++;
    } else if (char === '#' && !this.inWord) {
      while (this.i + 1 < text.length && text[this.i + 1] !== '\n') this.i++;
    } else if (char === "'") {
      const close = text.indexOf("'", this.i + 1);
      if (close < 0) this.unterminated("'");
      this.literal(text.slice(this.i + 1, close), true);
      this.countLines(this.i + 1, close);
      this.i = close;
    } else if (char === '"') {
      this.doubleQuoted();
    } else if (char === '\\') {
      if (next === '\n') this.line++;
      else this.literal(next ?? '\\', true);
      this.i++;
    } else if (char === '$') {
      this.dollar(false);
    } else if (char === '`') {
      throw new LexError([unsimulated('command substitution (`…`)')]);
    } else if (char === '>' || (char === '&' && next === '>')) {
      this.redirect(char);
    } else if (char === '|') {
      this.endWord();
      if (next === '|') this.operator('||');
      else if (next === '&') {
        // `|&` is `2>&1 |` (bash(1), Pipelines).
        this.tokens.push({ type: 'redirect', redirect: { from: 2, stream: 1 }, line: this.line });
        this.operator('|', 1);
      } else this.operator('|', 0);
    } else if (char === '&') {
      if (next !== '&') throw new LexError([unsimulated('background jobs (&)')]);
      this.endWord();
      this.operator('&&');
    } else if (char === ';') {
      this.endWord();
      if (next === ';') this.operator(';;');
      else this.operator(';', 0);
    } else if (char === '<') {
      throw new LexError([unsimulated('input redirection and here-documents (<)')]);
    } else if (char === '(' || char === ')') {
      throw new LexError([unsimulated('subshells and function definitions (( … ))')]);
    } else {
      this.literal(char, false);
    }
    this.i++;
  }

  private operator(value: Operator, extra = 1): void {
    this.tokens.push({ type: 'operator', value, line: this.line });
    this.i += extra;
  }

  private literal(text: string, quoted: boolean): void {
    this.startWord();
    const last = this.parts.at(-1);
    if (last?.kind === 'literal' && last.quoted === quoted) this.parts[this.parts.length - 1] = { ...last, text: last.text + text };
    else this.parts.push({ kind: 'literal', text, quoted });
  }

  private startWord(): void {
    if (!this.inWord) this.wordLine = this.line;
    this.inWord = true;
  }

  private endWord(): void {
    if (this.inWord) this.tokens.push({ type: 'word', word: { parts: this.parts, line: this.wordLine }, line: this.wordLine });
    this.parts = [];
    this.inWord = false;
  }

  private countLines(from: number, to: number): void {
    for (let k = from; k < to; k++) if (this.text[k] === '\n') this.line++;
  }

  private unterminated(quote: string): never {
    this.countLines(this.i, this.text.length);
    throw new LexError([`unexpected EOF while looking for matching \`${quote}'`, 'syntax error: unexpected end of file'], true);
  }

  /** `"…"`: `\` escapes `$`, `` ` ``, `"`, `\` and a newline only; `$NAME` expands inside (bash(1), Double Quotes). */
  private doubleQuoted(): void {
    const { text } = this;
    this.literal('', true);
    for (this.i++; this.i < text.length; this.i++) {
      const char = text[this.i] as string;
      if (char === '"') return;
      if (char === '$') this.dollar(true);
      else if (char === '`') throw new LexError([unsimulated('command substitution (`…`)')]);
      else if (char === '\\' && /["\\$`\n]/.test(text[this.i + 1] ?? '')) {
        if (text[this.i + 1] === '\n') this.line++;
        else this.literal(text[this.i + 1] as string, true);
        this.i++;
      } else {
        if (char === '\n') this.line++;
        this.literal(char, true);
      }
    }
    this.unterminated('"');
  }

  /** `$` at `this.i`: a parameter part for `$NAME`/`${NAME}`, a literal `$` before anything that starts no expansion. */
  private dollar(quoted: boolean): void {
    const rest = this.text.slice(this.i + 1);
    const braced = /^\{([^}]*)\}/.exec(rest);
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (rest.startsWith('((')) throw new LexError([unsimulated('arithmetic expansions ($((…)))')]);
    if (rest.startsWith('(')) throw new LexError([unsimulated('command substitutions ($(…))')]);
    if (!quoted && (rest.startsWith("'") || rest.startsWith('"'))) throw new LexError([unsimulated(`quotes of the form $${rest[0]}…${rest[0]}`)]);
    if (rest.startsWith('{')) {
      if (!braced || !NAME.test(braced[1] as string)) throw new LexError([unsimulated(`parameter expansions of the form \${${braced?.[1] ?? '…'}}`)]);
      this.parameter(braced[1] as string, quoted, `\${${braced[1]}}`);
      this.i += (braced[0] as string).length;
    } else if (bare) {
      this.parameter(bare[0], quoted, `$${bare[0]}`);
      this.i += bare[0].length;
    } else if (rest.startsWith('?')) {
      this.parameter('?', quoted, '$?');
      this.i++;
    } else if (/^[0-9#@*!$-]/.test(rest)) {
      throw new LexError([unsimulated(`special and positional parameters ($${rest[0]})`)]);
    } else {
      this.literal('$', quoted);
    }
  }

  private parameter(name: string, quoted: boolean, source: string): void {
    this.startWord();
    this.parts.push({ kind: 'parameter', name, quoted, source });
  }

  /**
   * `>`, `>>`, `>|`, `&>`, `&>>`, and `n>&m`: a digit 1 or 2 written right
   * before `>` names the stream, any other text before it ends a word.
   */
  private redirect(char: string): void {
    const { text } = this;
    const fd = this.inWord && this.parts.length === 1 ? plainText({ parts: this.parts, line: this.line }) : undefined;
    const fdWord = fd === '1' || fd === '2' ? fd : undefined;
    if (fdWord) {
      this.parts = [];
      this.inWord = false;
    } else this.endWord();
    const from: Stream | 'both' = char === '&' ? 'both' : fdWord === '2' ? 2 : 1;
    this.i += char === '&' ? 1 : 0;
    if (text[this.i + 1] === '>' || text[this.i + 1] === '|') this.i++;
    const dup = from !== 'both' ? /^&([12])/.exec(text.slice(this.i + 1)) : null;
    if (dup) this.i += 2;
    this.tokens.push({ type: 'redirect', redirect: dup ? { from, stream: Number(dup[1]) as Stream } : { from }, line: this.line });
  }
}
