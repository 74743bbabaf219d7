import type { InstanceRecord } from '../../services/ec2/model/ec2-records';
import type { NetworkView } from '../network-view';
import { aws } from './aws-cli-command';
import { echo, hostname, sleep } from './builtin-commands';
import { curl } from './curl-command';
import { dig } from './dig-command';
import type { CommandContext, CommandOutcome, ShellCommand } from './shell-command';
import { parseScript, type Redirect, type SimpleCommand, type Stream } from './shell-syntax';

/** The commands an instance of the lab has; anything else is `command not found`. */
const COMMANDS: Readonly<Record<string, ShellCommand>> = { aws, curl, dig, echo, hostname, sleep };

export interface ShellOptions {
  /** Where SSM Agent wrote the script; the shell names it in its error messages. */
  readonly scriptPath: string;
  /** The first flow number of the script's connections (successive scripts spread over a load balancer's targets). */
  readonly flowSeed: number;
  /** The plugin's `executionTimeout`: the script is stopped once it has run this long. */
  readonly timeLimitSeconds?: number;
}

export interface ShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly elapsedSeconds: number;
  readonly timedOut: boolean;
}

type Destination = 'stdout' | 'stderr' | 'discarded';

/** Where a command's two streams end up after its redirections, applied left to right as the shell does. */
function destinations(redirects: readonly Redirect[]): Record<Stream, Destination> {
  const table: Record<Stream, Destination> = { 1: 'stdout', 2: 'stderr' };
  for (const { from, to } of redirects) {
    const target = to.kind === 'file' ? 'discarded' : table[to.stream];
    if (from === 'both') table[1] = table[2] = target;
    else table[from] = target;
  }
  return table;
}

/**
 * Runs an `AWS-RunShellScript` on an instance the way `sh _script.sh` does:
 * line by line, `&&`/`||` deciding what runs, the exit status being the last
 * command's (no `set -e`); a syntax error stops the script with status 2.
 * Pure: it reads the network as built and returns what the script printed.
 */
export function runShellScript(view: NetworkView, instance: InstanceRecord, commands: readonly string[], options: ShellOptions): ShellResult {
  let flow = options.flowSeed;
  const context: CommandContext = { view, instance, nextFlow: () => flow++ };
  const output: Record<Exclude<Destination, 'discarded'>, string> = { stdout: '', stderr: '' };
  let status = 0;
  let elapsed = 0;
  const limit = options.timeLimitSeconds ?? Number.POSITIVE_INFINITY;
  const finish = (timedOut: boolean): ShellResult => ({ ...output, exitCode: status, elapsedSeconds: Math.min(elapsed, limit), timedOut });

  for (const line of parseScript(commands)) {
    const prefix = `${options.scriptPath}: line ${line.lineNumber}: `;
    if (line.kind === 'syntax-error') {
      output.stderr += line.messages.map((message) => `${prefix}${message}\n`).join('');
      status = 2;
      return finish(false);
    }
    for (const { connector, command } of line.items) {
      if ((connector === '&&' && status !== 0) || (connector === '||' && status === 0)) continue;
      const result = run(context, command, prefix);
      elapsed += result.seconds;
      if (elapsed > limit) return finish(true);
      const routes = destinations(command.redirects);
      for (const [stream, text] of [[1, result.stdout], [2, result.stderr]] as const) {
        const destination = routes[stream];
        if (destination !== 'discarded') output[destination] += text;
      }
      status = result.status;
    }
  }
  return finish(false);
}

function run(context: CommandContext, command: SimpleCommand, prefix: string): CommandOutcome {
  const [name = '', ...args] = command.words;
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!handler) return { stdout: '', stderr: `${prefix}${name}: command not found\n`, status: 127, seconds: 0 };
  return handler(context, args);
}
