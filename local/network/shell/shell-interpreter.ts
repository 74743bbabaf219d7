import { isKind } from '../../../functions/commons/is-kind';
import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { InstanceRecord } from '../../services/ec2/model/ec2-records';
import type { NetworkView } from '../network-view';
import { findCommand } from './command-table';
import { InstanceFiles, instanceFilesTable } from './instance-files';
import type { CommandContext, CommandOutcome, ShellEffects, ShellResult } from './shell-command';
import { type Command, type ListItem, parseScript, type Pipeline, type Redirect, type SimpleCommand, type Stream } from './shell-syntax';
import { expandWords } from './word-expansion';

export interface ShellOptions {
  /** How the shell names itself in its error messages: the script's path for `sh _script.sh`, `bash` for `bash -c`. */
  readonly shellName: string;
  /** A `-c` string: bash reports its syntax errors as `bash: -c: line N: …`. */
  readonly commandString?: boolean;
  /** Who runs the script: root for Run Command, the login user over ssh. */
  readonly user: string;
  /** The first flow number of the script's connections (successive scripts spread over a load balancer's targets). */
  readonly flowSeed: number;
  /** The plugin's `executionTimeout`: the script is stopped once it has run this long. */
  readonly timeLimitSeconds?: number;
  /** When the script starts (epoch ms of the cloud's clock). */
  readonly startedAt: number;
  /** What the script's commands read on their standard input (nothing for Run Command and ssh). */
  readonly stdin?: string;
  readonly effects: ShellEffects;
}

/** The doors a script's effects go through, onto the cloud's state. */
export const shellEffects = (runtime: CloudRuntime): ShellEffects => {
  const table = instanceFilesTable(runtime.store);
  return { files: (instanceId) => new InstanceFiles(table, instanceId), instanceServices: runtime.instanceServices };
};

/** Where a command's output goes: the script's output, a pipe to the next command, or nowhere. */
interface Streams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const DISCARD = (): void => undefined;

/** Where a command's two streams end up after its redirections, applied left to right as the shell does. */
function redirected(streams: Streams, redirects: readonly Redirect[]): Streams {
  const table: Record<Stream, (text: string) => void> = { 1: streams.out, 2: streams.err };
  for (const { from, to } of redirects) {
    const target = to.kind === 'file' ? DISCARD : table[to.stream];
    if (from === 'both') table[1] = table[2] = target;
    else table[from] = target;
  }
  return { out: table[1], err: table[2] };
}

/** A command's standard input: what it reads once is gone for the next reader of the same pipe. */
class Input {
  constructor(private text: string) {}

  read(): string {
    const { text } = this;
    this.text = '';
    return text;
  }
}

/** The script ran into its `executionTimeout`. */
class TimedOut extends Error {}

/**
 * One run of a script: the AWS seconds it has taken, the status of the last
 * command, the flow numbers its connections use. Commands run one after
 * another; each starts when the one before it ended (its `at`), and a
 * pipeline's commands too: their AWS seconds add up as if the producer ran to
 * its end before the consumer started. On an instance they overlap, but the
 * lab's pipelines are a loop of dig or ping feeding sort and uniq, which take
 * no time, so the sum is what the loop takes.
 */
class ScriptRun {
  private flow: number;
  private elapsed = 0;
  private status = 0;
  private readonly limit: number;

  constructor(
    private readonly view: NetworkView,
    private readonly instance: InstanceRecord,
    private readonly options: ShellOptions,
  ) {
    this.flow = options.flowSeed;
    this.limit = options.timeLimitSeconds ?? Number.POSITIVE_INFINITY;
  }

  run(commands: readonly string[]): ShellResult {
    const output = { stdout: '', stderr: '' };
    const script: Streams = { out: (text) => (output.stdout += text), err: (text) => (output.stderr += text) };
    const stdin = new Input(this.options.stdin ?? '');
    let timedOut = false;
    try {
      for (const entry of parseScript(commands)) {
        if (entry.kind === 'syntax-error') {
          const prefix = `${this.options.shellName}: ${this.options.commandString ? '-c: ' : ''}line ${entry.line}: `;
          script.err(entry.messages.map((message) => `${prefix}${message}\n`).join(''));
          this.status = 2;
          break;
        }
        this.list(entry.items, new Map(), script, stdin);
      }
    } catch (error) {
      if (!isKind(error, TimedOut)) throw error;
      timedOut = true;
    }
    return { ...output, exitCode: this.status, elapsedSeconds: Math.min(this.elapsed, this.limit), timedOut };
  }

  /** Pipelines joined by `;`, `&&`, `||`: `&&` runs on status 0, `||` on any other (no `set -e`). */
  private list(items: readonly ListItem[], variables: ReadonlyMap<string, string>, streams: Streams, stdin: Input): void {
    for (const { connector, pipeline } of items) {
      if ((connector === '&&' && this.status !== 0) || (connector === '||' && this.status === 0)) continue;
      this.status = this.pipeline(pipeline, variables, streams, stdin);
    }
  }

  /**
   * `a | b | c`: each command's standard output is the next one's standard
   * input, its standard error the script's (unless redirected; `2>&1` sends
   * it down the pipe). The status is the last command's: bash without
   * `pipefail` (bash(1), Pipelines).
   */
  private pipeline(pipeline: Pipeline, variables: ReadonlyMap<string, string>, streams: Streams, stdin: Input): number {
    let input = stdin;
    let status = 0;
    pipeline.commands.forEach((command, index) => {
      const last = index === pipeline.commands.length - 1;
      let piped = '';
      status = this.command(command, variables, last ? streams : { out: (text) => (piped += text), err: streams.err }, input);
      input = new Input(piped);
    });
    return status;
  }

  /**
   * A simple command, or a `for` loop: its words expanded once, the body run
   * with the variable set to each field in turn; its status is the last
   * command's of the body, 0 when the list was empty (bash(1), Compound
   * Commands).
   */
  private command(command: Command, variables: ReadonlyMap<string, string>, streams: Streams, stdin: Input): number {
    const routed = redirected(streams, command.redirects);
    if (command.kind === 'simple') return this.simple(command, variables, routed, stdin);
    let status = 0;
    for (const item of expandWords(command.items, this.withStatus(variables))) {
      this.list(command.body, new Map(variables).set(command.variable, item), routed, stdin);
      status = this.status;
    }
    return status;
  }

  private simple(command: SimpleCommand, variables: ReadonlyMap<string, string>, streams: Streams, stdin: Input): number {
    const argv = expandWords(command.words, this.withStatus(variables));
    // Redirections alone (or words that expanded to nothing) run no command.
    if (argv.length === 0) return 0;
    const result = this.execute(this.context(this.options.user, stdin), argv) ?? this.missing(command, argv[0] as string);
    this.elapsed += result.seconds;
    if (result.timedOut) {
      streams.out(result.stdout);
      streams.err(result.stderr);
      throw new TimedOut();
    }
    if (this.elapsed > this.limit) throw new TimedOut();
    streams.out(result.stdout);
    streams.err(result.stderr);
    return result.status;
  }

  /** The variables a word may expand: the loops' and `$?`, the status of the last pipeline that ran. */
  private withStatus(variables: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
    return new Map(variables).set('?', String(this.status));
  }

  /** bash's complaints about a command it cannot run: a name not in PATH, a path to no file; both exit 127. */
  private missing(command: SimpleCommand, name: string): CommandOutcome {
    const reason = findCommand(name).kind === 'no-such-file' ? 'No such file or directory' : 'command not found';
    return { stdout: '', stderr: `${this.options.shellName}: line ${command.line}: ${name}: ${reason}\n`, status: 127, seconds: 0 };
  }

  private execute(context: CommandContext, argv: readonly string[]): CommandOutcome | undefined {
    const [name = '', ...args] = argv;
    const found = findCommand(name);
    return found.kind === 'found' ? found.command(context, args) : undefined;
  }

  private context(user: string, stdin: Input): CommandContext {
    const { view, instance, options } = this;
    const at = options.startedAt + view.clock.scaled(this.elapsed);
    return {
      view,
      instance,
      user,
      at,
      effects: options.effects,
      timeLeft: this.limit - this.elapsed,
      nextFlow: () => this.flow++,
      readStdin: () => stdin.read(),
      shellOn: (target, command, shell) =>
        runShellScript(view, target, [command], {
          shellName: shell.shellName ?? 'bash',
          commandString: shell.commandString ?? true,
          user: shell.user,
          flowSeed: this.flow++,
          timeLimitSeconds: shell.timeLimitSeconds,
          startedAt: shell.startedAt,
          stdin: shell.stdin,
          effects: options.effects,
        }),
      execute: (argv, asUser) => this.execute(this.context(asUser, stdin), argv),
    };
  }
}

/**
 * Runs an `AWS-RunShellScript` on an instance the way `sh _script.sh` does
 * (or a command over ssh, or `bash -c`): one complete command after another,
 * `&&`/`||` deciding what runs, the exit status being the last command's (no
 * `set -e`); a syntax error, or a construct the local shell refuses, stops
 * the script there with status 2, nothing of that command run. It reads the
 * network as built; what it changes goes through `options.effects` alone.
 */
export function runShellScript(view: NetworkView, instance: InstanceRecord, commands: readonly string[], options: ShellOptions): ShellResult {
  return new ScriptRun(view, instance, options).run(commands);
}
