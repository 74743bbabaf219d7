import { paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, type GetCommandInvocationCommandOutput, SendCommandCommand } from '@aws-sdk/client-ssm';
import { randomBytes } from 'node:crypto';
import { awsErrorCode } from '../../functions/commons/aws-error-code';
import { collect } from '../../functions/commons/collect-pages';
import { runFilters, TAG } from '../../functions/commons/lab-tags';
import { execComment, execScript } from '../../functions/lab/guided/exec-script';
import type { LabInstanceRole } from '../../functions/lab/guided/lesson-brief';
import { LOGICAL } from '../../functions/lab/lab-topology';
import type { LabConnection } from '../connection/lab-connection';
import { abortableSleep } from '../follow/abortable-sleep';
import { UsageError } from '../usage-error';

/** What an instance printed for one command, and how it ended. */
export interface ExecResult {
  readonly instanceId: string;
  readonly commandId: string;
  /** Run Command's status: Success, Failed, TimedOut, Cancelled... */
  readonly status: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** SSM keeps the first 24,000 characters of standard output and 8,000 of standard error (GetCommandInvocation, SSM API Reference). */
  readonly cut: { readonly stdout: boolean; readonly stderr: boolean };
}

export const STDOUT_KEPT = 24_000;
export const STDERR_KEPT = 8_000;

/** The instance is not there to run anything: the run was torn down, or is not built that far yet. */
export class NoSuchInstance extends UsageError {
  constructor(runId: string, on: LabInstanceRole) {
    super(`Run ${runId} has no running ${on} instance: it is not built that far yet, or it was torn down (vpce-lab status ${runId} says which).`);
    this.name = 'NoSuchInstance';
  }
}

const FINISHED = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

/** The run's running consumer instances by their logical names: the public one runs Run Command, the private one is reached from it. */
async function consumerInstances(connection: LabConnection, runId: string) {
  const reservations = await collect(
    paginateDescribeInstances({ client: connection.ec2 }, { Filters: [...runFilters(runId), { Name: 'instance-state-name', Values: ['running'] }] }),
    (page) => page.Reservations,
  );
  const instances = reservations.flatMap((reservation) => reservation.Instances ?? []);
  const named = (name: string) => instances.find((instance) => instance.Tags?.some((tag) => tag.Key === TAG.logicalName && tag.Value === name));
  return { public: named(LOGICAL.publicInstance), private: named(LOGICAL.privateInstance) };
}

/**
 * Runs one command a student typed on one of the run's instances through
 * SSM Run Command, as the lab's checks do (the private instance over the
 * public one's ssh hop), and waits for it to end. `timeoutSeconds` is the
 * script's `executionTimeout`; Run Command stops it there.
 */
export async function execOnInstance(
  connection: LabConnection,
  runId: string,
  on: LabInstanceRole,
  typed: string,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<ExecResult> {
  const found = await consumerInstances(connection, runId);
  const bastion = found.public;
  const target = found[on];
  if (!bastion?.InstanceId) throw new NoSuchInstance(runId, 'public');
  if (!target?.InstanceId || !target.PrivateIpAddress) throw new NoSuchInstance(runId, on);
  const hop = { region: connection.region, instanceId: target.InstanceId, privateIp: target.PrivateIpAddress };
  const { Command } = await connection.ssm.send(
    new SendCommandCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [bastion.InstanceId],
      Comment: execComment(runId, on),
      Parameters: { commands: execScript(on, typed, hop, randomBytes(4).toString('hex')), executionTimeout: [String(timeoutSeconds)] },
    }),
    { abortSignal: signal },
  );
  if (!Command?.CommandId) throw new Error(`SSM accepted the command on ${bastion.InstanceId} but returned no command id`);
  const invocation = await awaitInvocation(connection, Command.CommandId, bastion.InstanceId, signal);
  const stdout = invocation.StandardOutputContent ?? '';
  const stderr = invocation.StandardErrorContent ?? '';
  return {
    instanceId: target.InstanceId,
    commandId: Command.CommandId,
    status: invocation.Status ?? 'Unknown',
    exitCode: invocation.ResponseCode ?? -1,
    stdout,
    stderr,
    cut: { stdout: stdout.length >= STDOUT_KEPT, stderr: stderr.length >= STDERR_KEPT },
  };
}

/** The invocation once it has ended; SSM may not know it for a moment after SendCommand (eventual consistency). */
async function awaitInvocation(connection: LabConnection, commandId: string, instanceId: string, signal: AbortSignal): Promise<GetCommandInvocationCommandOutput> {
  const pollMs = Math.min(connection.pollMs, 1000);
  for (;;) {
    try {
      const invocation = await connection.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }), { abortSignal: signal });
      if (FINISHED.has(invocation.Status ?? '')) return invocation;
    } catch (error) {
      if (awsErrorCode(error) !== 'InvocationDoesNotExist') throw error;
    }
    await abortableSleep(pollMs, signal);
    signal.throwIfAborted();
  }
}
