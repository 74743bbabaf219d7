import { GetCommandInvocationCommand, type GetCommandInvocationCommandOutput, type SSMClient } from '@aws-sdk/client-ssm';
import { awsErrorCode } from '../../commons/aws-error-code';
import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { meetsExpectation } from './check-expectations';
import type { Phase, PlannedCheck } from './lab-checks';
import { HOP_FAILED_FROM_EXIT } from './bastion-hop';
import type { SentCheck, SentChecks } from './send-checks';

export interface CheckResult extends PlannedCheck {
  /** What the student types on the public instance: the ssh hop with the check. */
  readonly typed: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly passed: boolean;
  readonly reason: string;
}

export interface CollectedChecks {
  readonly phase: Phase;
  readonly results: CheckResult[];
}

const STILL_RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/**
 * Reads back what each check printed. While any is still running the
 * workflow is told to come back later (NotReady); finished ones are judged
 * against their lesson's expectation, with the raw output kept for the report.
 */
export async function collectChecks(input: SentChecks, { clients }: StepDependencies): Promise<CollectedChecks> {
  const invocations = await Promise.all(input.sent.map((check) => invocation(clients.ssm, check.commandId, input.instanceId)));
  const running = input.sent.filter((_, index) => STILL_RUNNING.has(invocations[index]?.Status ?? 'Pending'));
  if (running.length > 0) throw new NotReady(`checks still running on ${input.instanceId}: ${running.map((check) => check.checkId).join(', ')}`);
  return { phase: input.phase, results: input.sent.map((check, index) => judge(check, invocations[index] as GetCommandInvocationCommandOutput)) };
}

/** One check's invocation; SSM may not know it for a moment after SendCommand (eventual consistency), which is "not ready". */
async function invocation(ssm: SSMClient, commandId: string, instanceId: string): Promise<GetCommandInvocationCommandOutput> {
  try {
    return await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
  } catch (error) {
    if (awsErrorCode(error) === 'InvocationDoesNotExist') throw new NotReady(`SSM does not show command ${commandId} on ${instanceId} yet`);
    throw error;
  }
}

/** The last line ssh or the AWS CLI wrote before giving up: what went wrong on the way to the private instance. */
const hopFailure = (stderr: string): string =>
  stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('failed to run commands'))
    .at(-1) ?? 'no message';

function judge(check: SentCheck, invocation: GetCommandInvocationCommandOutput): CheckResult {
  const { commandId: _commandId, ...planned } = check;
  const outcome = { exitCode: invocation.ResponseCode ?? -1, stdout: invocation.StandardOutputContent ?? '' };
  const stderr = invocation.StandardErrorContent ?? '';
  const delivered = invocation.Status === 'Success' || invocation.Status === 'Failed';
  const verdict = !delivered
    ? { passed: false, reason: `the command did not run: ${invocation.Status ?? 'unknown'} (${invocation.StatusDetails ?? ''})` }
    : outcome.exitCode >= HOP_FAILED_FROM_EXIT
      ? { passed: false, reason: `the hop to the private instance failed (exit ${outcome.exitCode}): ${hopFailure(stderr)}` }
      : meetsExpectation(check.expectation, outcome);
  return { ...planned, ...outcome, stderr, ...verdict };
}
