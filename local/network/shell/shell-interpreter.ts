import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { InstanceRecord } from '../../services/ec2/model/ec2-records';
import type { NetworkView } from '../network-view';
import { aws } from './aws-cli-command';
import { echo, hostname, sleep } from './builtin-commands';
import { curl } from './curl-command';
import { dig } from './dig-command';
import { InstanceFiles, instanceFilesTable } from './instance-files';
import { rm } from './rm-command';
import type { CommandContext, CommandOutcome, ShellCommand, ShellEffects, ShellResult } from './shell-command';
import { parseScript, type Redirect, type SimpleCommand, type Stream } from './shell-syntax';
import { ssh } from './ssh-command';
import { sshKeygen } from './ssh-keygen-command';

/** The commands an instance of the lab has; anything else is `command not found`. */
const COMMANDS: Readonly<Record<string, ShellCommand>> = { aws, curl, dig, echo, hostname, rm, sleep, ssh, 'ssh-keygen': sshKeygen };

export interface ShellOptions {
  /** How the shell names itself in its error messages: the script's path for `sh _script.sh`, `bash` for `bash -c`. */
  readonly shellName: string;
  /** Who runs the script: root for Run Command, the login user over ssh. */
  readonly user: string;
  /** The first flow number of the script's connections (successive scripts spread over a load balancer's targets). */
  readonly flowSeed: number;
  /** The plugin's `executionTimeout`: the script is stopped once it has run this long. */
  readonly timeLimitSeconds?: number;
  /** When the script starts (epoch ms of the cloud's clock). */
  readonly startedAt: number;
  readonly effects: ShellEffects;
}

/** The doors a script's effects go through, onto the cloud's state. */
export const shellEffects = (runtime: CloudRuntime): ShellEffects => {
  const table = instanceFilesTable(runtime.store);
  return { files: (instanceId) => new InstanceFiles(table, instanceId), instanceServices: runtime.instanceServices };
};

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
 * Runs an `AWS-RunShellScript` on an instance the way `sh _script.sh` does
 * (or a command over ssh, as `bash -c`): line by line, `&&`/`||` deciding
 * what runs, the exit status being the last command's (no `set -e`); a
 * syntax error stops the script with status 2. It reads the network as
 * built; what it changes goes through `options.effects` alone.
 */
export function runShellScript(view: NetworkView, instance: InstanceRecord, commands: readonly string[], options: ShellOptions): ShellResult {
  let flow = options.flowSeed;
  const shellOn = (target: InstanceRecord, user: string, command: string, startedAt: number): ShellResult =>
    runShellScript(view, target, [command], { shellName: 'bash', user, flowSeed: flow++, startedAt, effects: options.effects });
  const base = { view, instance, user: options.user, nextFlow: () => flow++, effects: options.effects, shellOn };
  const output: Record<Exclude<Destination, 'discarded'>, string> = { stdout: '', stderr: '' };
  let status = 0;
  let elapsed = 0;
  const limit = options.timeLimitSeconds ?? Number.POSITIVE_INFINITY;
  const finish = (timedOut: boolean): ShellResult => ({ ...output, exitCode: status, elapsedSeconds: Math.min(elapsed, limit), timedOut });

  for (const line of parseScript(commands)) {
    const prefix = `${options.shellName}: line ${line.lineNumber}: `;
    if (line.kind === 'syntax-error') {
      output.stderr += line.messages.map((message) => `${prefix}${message}\n`).join('');
      status = 2;
      return finish(false);
    }
    for (const { connector, command } of line.items) {
      if ((connector === '&&' && status !== 0) || (connector === '||' && status === 0)) continue;
      const result = run({ ...base, at: options.startedAt + view.clock.scaled(elapsed) }, command, prefix);
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
