import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { UsageError } from '../usage-error';
import { type LabConnection, stateMachineArn } from './lab-connection';
import { isKind } from '../../functions/commons/is-kind';
import { labRunExecutionArn } from '../../functions/lab/lab-run';

/** The execution ARN of a run: runs are started with their run id as the execution name. */
export const executionArnOf = labRunExecutionArn;

/** A run's lab-run execution; a run that does not exist there is a usage error naming where it looked. */
export async function findRun(connection: LabConnection, runId: string): Promise<{ executionArn: string; execution: DescribeExecutionCommandOutput }> {
  const executionArn = executionArnOf(await stateMachineArn(connection, 'labRun'), runId);
  const execution = await connection.sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: unknown) => {
    if (isKind(error, ExecutionDoesNotExist)) throw new UsageError(`There is no run ${runId} at ${connection.description} (see vpce-lab list).`);
    throw error;
  });
  return { executionArn, execution };
}
