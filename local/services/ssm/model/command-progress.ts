import type { CommandStatus } from '@aws-sdk/client-ssm';
import type { SsmContext } from './ssm-context';
import type { CommandRecord, InvocationRecord, InvocationStatus } from './ssm-records';

/** The terminal invocation states (SSM API Reference, CommandInvocation StatusDetails: "This is a terminal state"). */
export const FINISHED: readonly InvocationStatus[] = ['Success', 'Failed', 'TimedOut'];

export const isFinished = (invocation: InvocationRecord): boolean => FINISHED.includes(invocation.status);

/** Where a command stands, from its invocations: the `Command` shape's status and counts. */
export interface CommandProgress {
  readonly status: CommandStatus;
  readonly statusDetails: string;
  readonly targetCount: number;
  readonly completedCount: number;
  readonly errorCount: number;
  readonly deliveryTimedOutCount: number;
}

/** A command as SendCommand answers it: Pending, none of its invocations sent yet. */
export const justSent = (command: CommandRecord): CommandProgress => ({
  status: 'Pending',
  statusDetails: 'Pending',
  targetCount: command.instanceIds.length,
  completedCount: 0,
  errorCount: 0,
  deliveryTimedOutCount: 0,
});

/** A command's invocations, in the order of its instance ids, each read by its key (`<commandId>/<instanceId>`). */
export const invocationsOf = (context: SsmContext, command: CommandRecord): InvocationRecord[] =>
  command.instanceIds.flatMap((instanceId) => context.tables.invocations.get(`${command.id}/${instanceId}`) ?? []);

/**
 * The command's aggregate status, as "Understanding command statuses"
 * (Systems Manager User Guide) and the `Command` shape's StatusDetails
 * describe it: Pending until an invocation is sent, In Progress until every
 * one is final, then Success when all succeeded; Failed (or Execution Timed
 * Out) once more than MaxErrors invocations failed (or timed out running);
 * Delivery Timed Out when none could be delivered; Incomplete when one or
 * more did not succeed but too few failed for Failed. The counts are the shape's:
 * CompletedCount the terminal invocations, ErrorCount those Failed or
 * Execution Timed Out, DeliveryTimedOutCount those Delivery Timed Out.
 *
 * LIMITATIONS: no source says which `Status` an Incomplete command shows (the
 * enum has no Incomplete): Failed is assumed. A command whose Targets
 * selected no node has no invocations and is Success here (AWS may report
 * NoInstancesInTag). MaxErrors is always "0" in this cloud (SendCommand).
 */
export function commandProgress(command: CommandRecord, invocations: readonly InvocationRecord[]): CommandProgress {
  const count = (details: string): number => invocations.filter((invocation) => invocation.statusDetails === details).length;
  const completedCount = invocations.filter(isFinished).length;
  const failed = count('Failed');
  const executionTimedOut = count('ExecutionTimedOut');
  const deliveryTimedOutCount = count('DeliveryTimedOut');
  const counts = { targetCount: command.instanceIds.length, completedCount, errorCount: failed + executionTimedOut, deliveryTimedOutCount };
  const as = (status: CommandStatus, statusDetails: string = status): CommandProgress => ({ status, statusDetails, ...counts });
  if (completedCount < invocations.length) return invocations.every((invocation) => invocation.status === 'Pending') ? as('Pending') : as('InProgress');
  if (counts.errorCount > Number(command.maxErrors)) return failed > 0 ? as('Failed') : as('TimedOut', 'ExecutionTimedOut');
  if (deliveryTimedOutCount > 0 && deliveryTimedOutCount === invocations.length) return as('TimedOut', 'DeliveryTimedOut');
  return invocations.every((invocation) => invocation.status === 'Success') ? as('Success') : as('Failed', 'Incomplete');
}
