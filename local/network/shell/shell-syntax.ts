import { isKind } from '../../../functions/commons/is-kind';
import { NAME, plainText, type PendingRedirect, type Stream, type Token, tokenize, wordSource } from './shell-words';
import { BraceExpansionTooLarge, braceExpand, type BracedWords, parametersOf } from './word-expansion';

/**
 * The part of bash's grammar (bash(1), SHELL GRAMMAR) a Run Command script
 * of the lab or a student's command line uses: simple commands with output
 * redirections (`>/dev/null`, `2>&1`, `&>`), pipelines (`a | b`), lists
 * joined by `;`, `&&`, `||` and newlines, comments, and the `for NAME in
 * WORDS; do LIST; done` loop, on one line or several, whose variable the
 * words inside it may expand, and `$?`, the status of the last pipeline. The tree keeps each simple command's words
 * brace-expanded (word-expansion.ts), their parameters still to expand.
 *
 * LIMITATIONS: other compound commands (`if`, `while`, `case`, `{ …; }`,
 * subshells), function definitions, variable assignments, any other `$`
 * form, background jobs, input redirection and here-documents are not
 * simulated: a command using one is refused as a whole, before any of it
 * runs, with a message naming what it uses; so is a `$NAME` no enclosing
 * `for` loop sets (the local shell has no environment).
 */

export type Connector = ';' | '&&' | '||';

export type { Stream } from './shell-words';

/** `fd>path` (a file or /dev/null: either way the text leaves the script's output) or `fd>&n`. */
export interface Redirect {
  readonly from: Stream | 'both';
  readonly to: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'stream'; readonly stream: Stream };
}

export interface SimpleCommand {
  readonly kind: 'simple';
  readonly words: readonly BracedWords[];
  readonly redirects: readonly Redirect[];
  /** The line the command starts on, which bash names in its messages about it. */
  readonly line: number;
}

export interface ForLoop {
  readonly kind: 'for';
  readonly variable: string;
  readonly items: readonly BracedWords[];
  readonly body: readonly ListItem[];
  readonly redirects: readonly Redirect[];
  readonly line: number;
}

export type Command = SimpleCommand | ForLoop;

/** `a | b | c`: each command's standard output is the next one's standard input. */
export interface Pipeline {
  readonly commands: readonly Command[];
}

export interface ListItem {
  /** How this pipeline depends on the one before it (`;` for the first). */
  readonly connector: Connector;
  readonly pipeline: Pipeline;
}

/** What the shell reads before running anything of it: one complete command (a line, or the lines of a loop), or where the script's syntax fails. */
export type ScriptEntry =
  | { readonly kind: 'commands'; readonly items: readonly ListItem[] }
  | { readonly kind: 'syntax-error'; readonly line: number; readonly messages: readonly string[] };

/** Reserved words (bash(1), RESERVED WORDS) that start a construct the local shell does not simulate, and what to call it. */
const UNSIMULATED_RESERVED: Readonly<Record<string, string>> = {
  if: 'compound commands (if …)',
  while: 'compound commands (while …)',
  until: 'compound commands (until …)',
  case: 'compound commands (case …)',
  select: 'compound commands (select …)',
  function: 'function definitions (function …)',
  coproc: 'coprocesses (coproc …)',
  '{': 'command groups ({ …; })',
  '!': 'negated pipelines (! …)',
  '[[': 'conditional expressions ([[ … ]])',
  time: 'timed pipelines (time …)',
};
/** Reserved words that cannot start a command. */
const MISPLACED_RESERVED = ['do', 'done', 'then', 'elif', 'else', 'fi', 'esac', '}', ']]'];

class SyntaxProblem extends Error {
  constructor(
    readonly messages: readonly string[],
    readonly line: number,
  ) {
    super(messages.join('; '));
  }
}

/** The script as SSM's agent writes it to `_script.sh` (the commands joined by newlines), or a `bash -c` string. */
export function parseScript(commands: readonly string[]): ScriptEntry[] {
  const text = commands.join('\n');
  return new Parser(tokenize(text), text.split('\n')).script();
}

const tokenText = (token: Token): string => {
  if (token.type === 'word') return wordSource(token.word);
  if (token.type === 'operator') return token.value;
  if (token.type === 'redirect') return '>';
  return 'newline';
};

class Parser {
  private position = 0;
  /** The variables of the `for` loops around the words being read. */
  private readonly scope: string[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly lines: readonly string[],
  ) {}

  script(): ScriptEntry[] {
    const entries: ScriptEntry[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peek().type === 'eof') return entries;
      try {
        entries.push({ kind: 'commands', items: this.list(undefined) });
      } catch (error) {
        if (!isKind(error, SyntaxProblem)) throw error;
        entries.push({ kind: 'syntax-error', line: error.line, messages: error.messages });
        return entries;
      }
    }
  }

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof' && token.type !== 'error') this.position++;
    return token;
  }

  private isOperator(token: Token, value: string): boolean {
    return token.type === 'operator' && token.value === value;
  }

  private isReserved(token: Token, word: string): boolean {
    return token.type === 'word' && plainText(token.word) === word;
  }

  private skipNewlines(): void {
    while (this.isOperator(this.peek(), 'newline')) this.position++;
  }

  private problem(token: Token, message: string): SyntaxProblem {
    return new SyntaxProblem([message, `\`${this.lines[token.line - 1] ?? ''}'`], token.line);
  }

  /** What stops the parse at `token`: the lexer's error, the end of the script, or a token out of place. */
  private unexpected(token: Token): SyntaxProblem {
    if (token.type === 'error') return token.eof ? new SyntaxProblem(token.messages, token.line) : this.problem(token, token.messages[0] ?? '');
    if (token.type === 'eof') return new SyntaxProblem(['syntax error: unexpected end of file'], Math.max(1, this.lines.length));
    return this.problem(token, `syntax error near unexpected token \`${tokenText(token)}'`);
  }

  /**
   * A list of pipelines joined by `;`, `&&` and `||`. At the top (`closing`
   * undefined) it is one complete command, ended by a newline; in a loop's
   * body newlines separate its commands too, and it ends before `closing`.
   * A newline may follow `&&`, `||` and `|` anywhere.
   */
  private list(closing: string | undefined): ListItem[] {
    const items: ListItem[] = [];
    let connector: Connector = ';';
    for (;;) {
      if (closing !== undefined) this.skipNewlines();
      const token = this.peek();
      if (closing !== undefined && this.isReserved(token, closing) && connector === ';') {
        if (items.length === 0) throw this.unexpected(token);
        return items;
      }
      if (closing === undefined && items.length > 0 && connector === ';' && (token.type === 'eof' || this.isOperator(token, 'newline'))) return items;
      items.push({ connector, pipeline: this.pipeline() });
      const after = this.peek();
      if (this.isOperator(after, '&&') || this.isOperator(after, '||')) {
        connector = (this.next() as { value: Connector }).value;
        this.skipNewlines();
      } else if (this.isOperator(after, ';') || (closing !== undefined && this.isOperator(after, 'newline'))) {
        this.next();
        connector = ';';
      } else if (closing === undefined && (after.type === 'eof' || this.isOperator(after, 'newline'))) {
        return items;
      } else {
        throw this.unexpected(after);
      }
    }
  }

  private pipeline(): Pipeline {
    const commands = [this.command()];
    while (this.isOperator(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      commands.push(this.command());
    }
    return { commands };
  }

  private command(): Command {
    const token = this.peek();
    if (token.type !== 'word' && token.type !== 'redirect') throw this.unexpected(token);
    if (token.type === 'word') {
      const text = plainText(token.word);
      if (text === 'for') return this.forLoop();
      if (text !== undefined && Object.hasOwn(UNSIMULATED_RESERVED, text)) throw this.problem(token, `${UNSIMULATED_RESERVED[text]} are not simulated by the local cloud`);
      if (text !== undefined && MISPLACED_RESERVED.includes(text)) throw this.unexpected(token);
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.word.parts[0]?.kind === 'literal' && !token.word.parts[0].quoted ? token.word.parts[0].text : '');
      if (assignment) throw this.problem(token, `variable assignments (${assignment[0]}…) are not simulated by the local cloud`);
    }
    return this.simpleCommand();
  }

  /** A word brace-expanded, its parameters checked against the loops around it. */
  private braced(token: Token & { type: 'word' }): BracedWords {
    let words: BracedWords;
    try {
      words = braceExpand(token.word);
    } catch (error) {
      if (isKind(error, BraceExpansionTooLarge)) throw this.problem(token, error.message);
      throw error;
    }
    const unset = parametersOf(words).find((name) => name !== '?' && !this.scope.includes(name));
    if (unset !== undefined) {
      throw this.problem(token, `the variable $${unset} is not simulated by the local cloud (only the variable of an enclosing for loop, and $?, expand)`);
    }
    return words;
  }

  private redirect(token: Token & { type: 'redirect' }): Redirect {
    const pending: PendingRedirect = token.redirect;
    if (pending.stream !== undefined) return { from: pending.from, to: { kind: 'stream', stream: pending.stream } };
    const target = this.next();
    if (target.type !== 'word') throw this.unexpected(target);
    this.braced(target);
    return { from: pending.from, to: { kind: 'file', path: wordSource(target.word) } };
  }

  private simpleCommand(): SimpleCommand {
    const line = this.peek().line;
    const words: BracedWords[] = [];
    const redirects: Redirect[] = [];
    for (let token = this.peek(); token.type === 'word' || token.type === 'redirect'; token = this.peek()) {
      this.next();
      if (token.type === 'redirect') redirects.push(this.redirect(token));
      else words.push(this.braced(token));
    }
    return { kind: 'simple', words, redirects, line };
  }

  /** `for NAME in WORDS ; do LIST ; done [redirections]`, newlines allowed where the grammar has `;`. */
  private forLoop(): ForLoop {
    const start = this.next();
    const nameToken = this.next();
    if (nameToken.type !== 'word') throw this.unexpected(nameToken);
    const variable = plainText(nameToken.word);
    if (variable === undefined || !NAME.test(variable)) throw new SyntaxProblem([`\`${wordSource(nameToken.word)}': not a valid identifier`], nameToken.line);
    this.skipNewlines();
    if (!this.isReserved(this.peek(), 'in')) {
      const token = this.peek();
      if (this.isOperator(token, ';') || this.isReserved(token, 'do')) throw this.problem(token, 'for loops over the positional parameters (no `in`) are not simulated by the local cloud');
      throw this.unexpected(token);
    }
    this.next();
    const items: BracedWords[] = [];
    for (let token = this.peek(); token.type === 'word'; token = this.peek()) items.push(this.braced(this.next() as Token & { type: 'word' }));
    const separator = this.peek();
    if (!this.isOperator(separator, ';') && !this.isOperator(separator, 'newline')) throw this.unexpected(separator);
    this.next();
    this.skipNewlines();
    const doToken = this.peek();
    if (!this.isReserved(doToken, 'do')) throw this.unexpected(doToken);
    this.next();
    this.scope.push(variable);
    let body: ListItem[];
    try {
      body = this.list('done');
    } finally {
      this.scope.pop();
    }
    this.next();
    const redirects: Redirect[] = [];
    for (let token = this.peek(); token.type === 'redirect'; token = this.peek()) redirects.push(this.redirect(this.next() as Token & { type: 'redirect' }));
    const after = this.peek();
    if (after.type === 'word') throw this.unexpected(after);
    return { kind: 'for', variable, items, body, redirects, line: start.line };
  }
}
