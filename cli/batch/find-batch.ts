import { DescribeExecutionCommand, type ExecutionListItem, paginateListExecutions } from '@aws-sdk/client-sfn';
import type { LabRun } from '../../functions/lab/lab-run';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import { batchRunIdPrefix } from '../run-request';
import type { BatchMember } from './start-batch';

/** A run of a batch as found again: its lab-run execution as listed, and the run it was started with. */
export interface FoundMember extends BatchMember {
  readonly status: string;
  readonly execution: ExecutionListItem;
  /** The execution's input, as DescribeExecution gave it. */
  readonly input: string;
}

/** A batch id that names no run where the command looked. */
export class NoSuchBatch extends Error {
  constructor(batchId: string, where: string) {
    super(`No batch ${batchId} at ${where}: no lab-run execution was started in it, so nothing was done. Check the id (vpce-lab start --runs N prints it) and the place (--local, --endpoint or --aws, and --region).`);
    this.name = 'NoSuchBatch';
  }
}

/** `batch-20261126-0112-ab12` → the start of 2026-11-26 01:12 UTC: no run of the batch started before it. */
const batchMinute = (batchId: string): number => {
  const [, date = '', time = ''] = batchId.split('-');
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)));
};

/**
 * The runs of a batch, oldest first. ListExecutions lists newest first, so
 * the listing stops at the first execution older than the batch's minute;
 * only the executions named in that minute are described (each run's input
 * says its batch), which keeps a busy deployment's listing to a few calls.
 */
export async function findBatch(connection: LabConnection, batchId: string): Promise<FoundMember[]> {
  const prefix = batchRunIdPrefix(batchId);
  const since = batchMinute(batchId);
  const named: ExecutionListItem[] = [];
  listing: for await (const page of paginateListExecutions({ client: connection.sfn }, { stateMachineArn: await stateMachineArn(connection, 'labRun') })) {
    for (const execution of page.executions ?? []) {
      if ((execution.startDate?.getTime() ?? since) < since) break listing;
      if (execution.name?.startsWith(prefix)) named.push(execution);
    }
  }
  const members: FoundMember[] = [];
  for (const execution of named.reverse()) {
    const executionArn = execution.executionArn ?? '';
    const { input } = await connection.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const run = input ? (JSON.parse(input) as { run?: LabRun }).run : undefined;
    if (run?.batchId !== batchId) continue;
    members.push({ run, executionArn, execution, input: input ?? '', status: execution.status ?? '', startedAt: execution.startDate?.getTime() ?? Date.now() });
  }
  if (members.length === 0) throw new NoSuchBatch(batchId, connection.description);
  return members;
}
