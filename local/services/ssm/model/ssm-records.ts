/** SSM's Run Command state as the local cloud keeps it (plain JSON; times in epoch ms). */

export type InvocationStatus = 'Pending' | 'InProgress' | 'Success' | 'Failed' | 'TimedOut';

export interface CommandRecord {
  /** The CommandId, a UUID. */
  readonly id: string;
  readonly region: string;
  readonly documentName: string;
  readonly comment?: string;
  /** The document parameters as sent (`commands`, `executionTimeout`, …). */
  readonly parameters: Record<string, string[]>;
  readonly instanceIds: string[];
  readonly targets: { key: string; values: string[] }[];
  readonly requestedAt: number;
  /** SendCommand's `TimeoutSeconds`: how long a command may wait for delivery. */
  readonly timeoutSeconds: number;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
}

/** One command on one managed node. */
export interface InvocationRecord {
  /** `<commandId>/<instanceId>`. */
  readonly id: string;
  readonly commandId: string;
  readonly instanceId: string;
  readonly region: string;
  readonly createdAt: number;
  status: InvocationStatus;
  statusDetails: string;
  /** The script's exit status; -1 until it has finished. */
  responseCode: number;
  startedAt?: number;
  endedAt?: number;
  /** How the script ended, known from the moment the agent ran it; reported once the invocation finishes. */
  ending?: { exitCode: number; timedOut: boolean };
  /** What the script printed; shown only once the invocation has finished. */
  stdout: string;
  stderr: string;
  /** The first flow number of the script's connections, so successive commands spread over a load balancer's targets. */
  readonly flowSeed: number;
}

/** SSM Agent on one EC2 instance, as far as Systems Manager can tell. */
export interface AgentRecord {
  /** The instance id. */
  readonly id: string;
  /** When a health ping first reached Systems Manager and the agent started its core; absent while it has not. */
  startedAt?: number;
  /** When the agent's first ping failed and it went into hibernation. */
  hibernatingSince?: number;
}
