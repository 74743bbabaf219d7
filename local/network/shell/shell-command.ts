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
  /** Runs `command` on `instance` as `bash -c` of `user` there does, from `startedAt`: what sshd does with an ssh command line. */
  readonly shellOn: (instance: InstanceRecord, user: string, command: string, startedAt: number) => ShellResult;
}

/** What one command prints, its exit status and how long it took in AWS seconds. */
export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  readonly seconds: number;
}

export type ShellCommand = (context: CommandContext, args: readonly string[]) => CommandOutcome;

export const outcome = (fields: Partial<CommandOutcome>): CommandOutcome => ({ stdout: '', stderr: '', status: 0, seconds: 0, ...fields });
