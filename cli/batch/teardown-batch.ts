import { DescribeExecutionCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import { executionHistory } from '../follow/execution-events';
import { executionName } from '../follow/run-workflow';
import { type RunFailure, runFailure } from '../follow/run-failure';
import { countByRun, runResources } from '../resources/run-resources';
import { type FollowedExecution, followBatch } from './follow-batch';
import type { FoundMember } from './find-batch';

/** What `cleanup --batch` did to one run. */
export interface BatchTeardown {
  readonly runId: string;
  /** Its lab-run execution was running and was stopped first. */
  readonly stopped: boolean;
  /** `torn down`, `nothing left` (it had ended leaving nothing), or `failed`. */
  readonly result: 'torn down' | 'nothing left' | 'failed';
  /** How many of its tagged resources remain. */
  readonly left: number;
  readonly failure?: RunFailure;
}

/** A stopped execution's Lambda invocation in flight may still create what it was creating; a second pass removes that. */
const PASSES = 2;

/** Starts a teardown execution for each run and follows them together to their ends. */
async function tearDown(connection: LabConnection, runIds: readonly string[], signal: AbortSignal): Promise<Map<string, RunFailure | undefined>> {
  const teardown = await stateMachineArn(connection, 'teardown');
  const members: (FollowedExecution & { runId: string })[] = [];
  for (const runId of runIds) {
    const name = executionName(`teardown-${runId}`, new Date());
    const { executionArn, startDate } = await connection.sfn.send(new StartExecutionCommand({ stateMachineArn: teardown, name, input: JSON.stringify({ runId }) }));
    if (!executionArn) throw new Error(`Step Functions started ${name} but returned no execution ARN`);
    members.push({ runId, executionArn, startedAt: startDate?.getTime() ?? Date.now() });
  }
  const ended = await followBatch(connection, members, { signal, settleOnHold: false });
  const failures = new Map<string, RunFailure | undefined>();
  for (const { member, state } of ended) {
    if (state === 'SUCCEEDED') {
      failures.set(member.runId, undefined);
      continue;
    }
    const execution = await connection.sfn.send(new DescribeExecutionCommand({ executionArn: member.executionArn }));
    failures.set(member.runId, runFailure(execution.error ?? state, execution.cause, await executionHistory(connection.sfn, member.executionArn, false)));
  }
  return failures;
}

/**
 * Ends a whole batch now, whatever its TTL: each run still building or
 * holding is stopped, then every run that was stopped or still holds
 * anything tagged with it is torn down by the teardown workflow, all at
 * once, in dependency order within each run. What remains after that is
 * torn down once more; what remains after the second pass is reported.
 */
export async function teardownBatch(connection: LabConnection, members: readonly FoundMember[], signal: AbortSignal): Promise<BatchTeardown[]> {
  const stopped = new Set<string>();
  for (const member of members.filter((found) => found.status === 'RUNNING')) {
    await connection.sfn.send(new StopExecutionCommand({ executionArn: member.executionArn, error: 'BatchCleanup', cause: `vpce-lab cleanup --batch ${member.run.batchId ?? ''}` }));
    stopped.add(member.run.runId);
  }
  const failures = new Map<string, RunFailure | undefined>();
  let left = countByRun(await runResources(connection));
  for (let pass = 0; pass < PASSES; pass++) {
    const due = members.map((member) => member.run.runId).filter((runId) => (left.get(runId) ?? 0) > 0 || (pass === 0 && stopped.has(runId)));
    if (due.length === 0) break;
    for (const [runId, failure] of await tearDown(connection, due, signal)) failures.set(runId, failure);
    left = countByRun(await runResources(connection));
  }
  return members.map(({ run: { runId } }) => {
    const failure = failures.get(runId);
    const remaining = left.get(runId) ?? 0;
    const result = failure || remaining > 0 ? 'failed' : failures.has(runId) ? 'torn down' : 'nothing left';
    return { runId, stopped: stopped.has(runId), result, left: remaining, ...(failure ? { failure } : {}) };
  });
}
