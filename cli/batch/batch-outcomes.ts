import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { LabConnection } from '../connection/lab-connection';
import { connectionClock } from '../follow/connection-clock';
import { executionHistory } from '../follow/execution-events';
import { runOutcome, type RunOutcome } from '../run-outcome';
import type { MemberProgress } from './follow-batch';
import type { BatchMember } from './start-batch';

/** A run of a batch as it stands once followed: its outcome, and whether it holds its lab. */
export type BatchOutcome = RunOutcome & { readonly holding: boolean };

/**
 * Each run's outcome (report, cost, failure line), read one run at a time:
 * DescribeExecution refills 10 a second outside the three largest Regions
 * (Step Functions Developer Guide, "Quotas related to API action
 * throttling"), and a run's history is one or two pages.
 */
export async function batchOutcomes(connection: LabConnection, progress: readonly MemberProgress<BatchMember>[]): Promise<BatchOutcome[]> {
  const clock = connectionClock(connection);
  const outcomes: BatchOutcome[] = [];
  for (const { member, state } of progress) {
    const execution = await connection.sfn.send(new DescribeExecutionCommand({ executionArn: member.executionArn }));
    const events = await executionHistory(connection.sfn, member.executionArn);
    outcomes.push({ ...runOutcome({ ...execution, executionArn: member.executionArn }, events, new Date(), clock), holding: state === 'HOLDING' && execution.status === 'RUNNING' });
  }
  return outcomes;
}

/** Whether the batch went as asked: every run succeeded, or holds a lab whose report passed. */
export const batchSucceeded = (outcomes: readonly BatchOutcome[]): boolean =>
  outcomes.every((outcome) => (outcome.holding ? outcome.report?.passed === true : outcome.status === 'SUCCEEDED'));
