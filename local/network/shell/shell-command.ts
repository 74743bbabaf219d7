import type { InstanceRecord } from '../../services/ec2/model/ec2-records';
import type { NetworkView } from '../network-view';

/** Where a command runs: on `instance`, in the network as it is built. */
export interface CommandContext {
  readonly view: NetworkView;
  readonly instance: InstanceRecord;
  /** A fresh flow number (a new source port) for each connection the script opens. */
  readonly nextFlow: () => number;
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
