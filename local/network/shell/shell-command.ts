import type { InstanceServices } from '../../cloud/instance-services';
import type { InstanceRecord } from '../../services/ec2/model/ec2-records';
import type { NetworkView } from '../network-view';
import type { InstanceFiles } from './instance-files';

/**
 * What a script changes besides what it prints, each through one door: the
 * files it writes on an instance (a key pair, which a later script there
 * finds again) and the AWS API calls its AWS CLI makes (a key pushed with EC2
 * Instance Connect). Everything else a command reads from the network as
 * built. On AWS both outlive the script, so they cannot stay in it.
 */
export interface ShellEffects {
  readonly files: (instanceId: string) => InstanceFiles;
  readonly instanceServices: InstanceServices;
}

/** What a script printed, how it exited and how long it ran, in AWS seconds. */
export interface ShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly elapsedSeconds: number;
  readonly timedOut: boolean;
}

/** Where a command runs: on `instance`, in the network as it is built. */
export interface CommandContext {
  readonly view: NetworkView;
  readonly instance: InstanceRecord;
  /** Who runs it: root for Run Command's scripts, the login user for a command over ssh. */
  readonly user: string;
  /** A fresh flow number (a new source port) for each connection the script opens. */
  readonly nextFlow: () => number;
  /** When the command starts (epoch ms of the cloud's clock): the script's start plus the AWS seconds of the commands before it. */
  readonly at: number;
  readonly effects: ShellEffects;
  /**
   * Reads what the command has on its standard input: the output of the
   * command before it in a pipeline, else nothing (Run Command's scripts and
   * ssh's remote commands get no input). A pipe is read once: what one
   * command took, the next one reading the same pipe (in a loop's body) no
   * longer finds.
   */
  readonly readStdin: () => string;
  /** AWS seconds left, from `at`, before the script's `executionTimeout` stops it (Infinity when none does). */
  readonly timeLeft: number;
  /** Runs `command` on `instance` as `SHELL -c` does for `user` there: what sshd does with an ssh command line, and `bash -c` on the same instance. */
  readonly shellOn: (instance: InstanceRecord, command: string, options: ShellOnOptions) => ShellResult;
  /**
   * Runs the program `argv` names on this instance, as `user`, with this
   * command's standard input, as execvp(3) does for runuser; undefined when
   * no such program exists.
   */
  readonly execute: (argv: readonly string[], user: string) => CommandOutcome | undefined;
}

export interface ShellOnOptions {
  readonly user: string;
  /** When the shell starts (epoch ms of the cloud's clock). */
  readonly startedAt: number;
  /** What the shell's commands read on their standard input. */
  readonly stdin?: string;
  /** How the shell names itself in its messages (`bash`, `sh`). */
  readonly shellName?: string;
  /** Whether the command is a `-c` string (the default), whose syntax errors bash reports as `bash: -c: line N: …`, or a script read from standard input. */
  readonly commandString?: boolean;
  /** The AWS seconds it may run before the script around it is stopped. */
  readonly timeLimitSeconds?: number;
}

/** What one command prints, its exit status and how long it took in AWS seconds. */
export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  readonly seconds: number;
  /** The script's `executionTimeout` stopped the command (a shell it ran was still running): what it printed until then is all it printed. */
  readonly timedOut?: boolean;
}

export type ShellCommand = (context: CommandContext, args: readonly string[]) => CommandOutcome;

export const outcome = (fields: Partial<CommandOutcome>): CommandOutcome => ({ stdout: '', stderr: '', status: 0, seconds: 0, ...fields });
