import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { isKind } from '../../functions/commons/is-kind';
import type { LabRun } from '../../functions/lab/lab-run';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import type { FollowedExecution } from './follow-batch';
import { batchRunId, newBatchId, newRun, type RunRequest } from '../run-request';

/** One run of a batch and its lab-run execution. */
export interface BatchMember extends FollowedExecution {
  readonly run: LabRun;
}

/** A batch as started: its id and its runs, in the order they were started. */
export interface StartedBatch {
  readonly batchId: string;
  readonly members: readonly BatchMember[];
}

/**
 * Run ids carry four random hex digits: among 150 runs of one minute two would
 * share them about one time in six, so a batch draws them until all differ,
 * and a name another start took meanwhile is drawn again.
 */
const NAME_DRAWS = 5;

/** The batch's runs, each with an id no other run of the batch has. */
export function newBatchRuns(request: Omit<RunRequest, 'batchId'>, count: number, now: Date): { batchId: string; runs: LabRun[] } {
  const batchId = newBatchId(now);
  const runs = new Map<string, LabRun>();
  while (runs.size < count) {
    const run = newRun({ ...request, batchId }, now);
    if (!runs.has(run.runId)) runs.set(run.runId, run);
  }
  return { batchId, runs: [...runs.values()] };
}

/**
 * Starts one lab-run execution per run, one after the other: StartExecution's
 * bucket (800, refilling 150 a second outside the three largest Regions: the
 * Step Functions Developer Guide, "Quotas related to API action throttling")
 * takes a batch of 500 at once, and starting in order keeps the live view's
 * order the start order. A name taken meanwhile is drawn again; `onStarted`
 * hears of each run as it starts. Aborting the signal starts no more.
 */
export async function startBatch(
  connection: LabConnection,
  batch: { batchId: string; runs: readonly LabRun[] },
  signal: AbortSignal,
  onStarted: (member: BatchMember) => void,
): Promise<StartedBatch> {
  const stateMachine = await stateMachineArn(connection, 'labRun');
  const members: BatchMember[] = [];
  for (const planned of batch.runs) {
    // Ctrl+C while starting: those started go on, the rest are not started.
    if (signal.aborted) break;
    let run = planned;
    for (let draw = 1; ; draw++) {
      try {
        const { executionArn, startDate } = await connection.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachine, name: run.runId, input: JSON.stringify({ run }) }));
        if (!executionArn) throw new Error(`Step Functions started ${run.runId} but returned no execution ARN`);
        const member = { run, executionArn, startedAt: startDate?.getTime() ?? Date.now() };
        members.push(member);
        onStarted(member);
        break;
      } catch (error) {
        if (!isKind(error, ExecutionAlreadyExists) || draw === NAME_DRAWS) throw error;
        run = { ...run, runId: batchRunId(batch.batchId) };
      }
    }
  }
  return { batchId: batch.batchId, members };
}
