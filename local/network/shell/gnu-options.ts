import { type CommandContext, type CommandOutcome, outcome } from './shell-command';

/**
 * The command line of a GNU tool (coreutils, grep) as glibc's getopt_long(3)
 * reads it: clustered short options, a value attached or in the next word,
 * `--name[=value]`, options and operands in any order, `--` ending the
 * options. Its complaints are glibc's ("invalid option -- 'x'",
 * "unrecognized option '--x'", "option requires an argument -- 'x'")
 * followed by the tool's "Try 'NAME --help' for more information.", with the
 * tool's status for a usage error. An option the tool has and the model does
 * not carry out is refused, naming it, with the same status. Long options
 * must be written in full (getopt_long would take a unique prefix). A tool
 * with no long options (iputils ping) reads its line with getopt(3): there
 * `--name` is short options, `-` the first of them, an invalid option.
 */
export interface GnuProgram {
  readonly name: string;
  /** The exit status of a usage error: EXIT_FAILURE (1), or 2 for sort, grep and ping. */
  readonly failure: number;
  /** getopt's short options of the tool's source, `:` after one that takes a value. */
  readonly shortOptions: string;
  /** The tool's long options, `=` after one that takes a value, each mapped to the short option it is (or to its own name); absent when the tool reads getopt(3)'s short options alone. */
  readonly longOptions?: Readonly<Record<string, string>>;
  /** The options (as mapped) the model carries out. */
  readonly simulated: readonly string[];
  /** How a refusal names what the model carries out. */
  readonly simulatedText: string;
  /** What the tool prints after glibc's complaint; "Try 'NAME --help' for more information." when absent. */
  readonly tryHelp?: string;
  /**
   * What the tool does with a short option as soon as it is read, before its
   * value and the options after it: an outcome it returns ends the command
   * there (ping's usage() for -h, and its refusals, one option at a time).
   */
  readonly onOption?: (letter: string) => CommandOutcome | undefined;
}

export interface GivenOption {
  readonly name: string;
  readonly value?: string;
}

export type GnuCommandLine = { readonly ok: true; readonly options: readonly GivenOption[]; readonly operands: readonly string[] } | { readonly ok: false; readonly outcome: CommandOutcome };

const tryHelp = (program: GnuProgram): string => program.tryHelp ?? `Try '${program.name} --help' for more information.\n`;

export const usageError = (program: GnuProgram, message: string): GnuCommandLine => ({
  ok: false,
  outcome: outcome({ stderr: `${program.name}: ${message}\n${tryHelp(program)}`, status: program.failure }),
});

export const refusal = (program: GnuProgram, what: string): CommandOutcome =>
  outcome({ stderr: `${program.name}: ${what} is not simulated by the local cloud (only ${program.simulatedText})\n`, status: program.failure });

function longOption(program: GnuProgram, longOptions: Readonly<Record<string, string>>, arg: string, next: string | undefined): { option?: GivenOption; consumed: number; error?: GnuCommandLine } {
  const [name = '', attached] = arg.slice(2).split(/=(.*)/s, 2);
  const takesValue = Object.hasOwn(longOptions, `${name}=`);
  const key = takesValue ? `${name}=` : name;
  if (!Object.hasOwn(longOptions, key)) return { consumed: 0, error: usageError(program, `unrecognized option '${arg}'`) };
  const mapped = longOptions[key] as string;
  if (!takesValue) {
    if (attached !== undefined) return { consumed: 0, error: usageError(program, `option '--${name}' doesn't allow an argument`) };
    return { option: { name: mapped }, consumed: 0 };
  }
  if (attached !== undefined) return { option: { name: mapped, value: attached }, consumed: 0 };
  if (next === undefined) return { consumed: 0, error: usageError(program, `option '--${name}' requires an argument`) };
  return { option: { name: mapped, value: next }, consumed: 1 };
}

/** Reads `args` for `program`; refuses an option the model does not carry out. */
export function parseGnuOptions(program: GnuProgram, args: readonly string[]): GnuCommandLine {
  const options: GivenOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && program.longOptions) {
      const read = longOption(program, program.longOptions, arg, args[i + 1]);
      if (read.error) return read.error;
      options.push(read.option as GivenOption);
      i += read.consumed;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j] as string;
      const at = program.shortOptions.indexOf(letter);
      if (at < 0 || letter === ':') return usageError(program, `invalid option -- '${letter}'`);
      const ended = program.onOption?.(letter);
      if (ended) return { ok: false, outcome: ended };
      if (program.shortOptions[at + 1] !== ':') {
        options.push({ name: letter });
        continue;
      }
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
      if (value === undefined) return usageError(program, `option requires an argument -- '${letter}'`);
      options.push({ name: letter, value });
      break;
    }
  }
  const unsimulated = options.find((option) => !program.simulated.includes(option.name));
  if (unsimulated) return { ok: false, outcome: refusal(program, `the option ${unsimulated.name.length === 1 ? `-${unsimulated.name}` : `--${unsimulated.name}`}`) };
  return { ok: true, options, operands };
}

/**
 * The text a tool reads: its standard input, for no operand or `-`. Files
 * are not read: the local cloud keeps no files a student could name but the
 * key pairs in /tmp, so a file operand is refused as not simulated.
 */
export function standardInput(program: GnuProgram, context: CommandContext, operands: readonly string[]): string | CommandOutcome {
  const file = operands.find((operand) => operand !== '-');
  if (file !== undefined) return outcome({ stderr: `${program.name}: reading the file ${file} is not simulated by the local cloud (only standard input)\n`, status: program.failure });
  return context.readStdin();
}

/** The lines of a text, without their newlines; a last line with no newline is a line too. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

export const joinLines = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');
