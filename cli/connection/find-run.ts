import { DescribeExecutionCommand, type DescribeExecutionCommandOutput, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { UsageError } from '../usage-error';
import { type LabConnection, stateMachineArn } from './lab-connection';
import { isKind } from '../../functions/commons/is-kind';
import { labRunExecutionArn } from '../../functions/lab/lab-run';

/** The execution ARN of a run: runs are started with their run id as the execution name. */
export const executionArnOf = labRunExecutionArn;

/** A run's lab-run execution, or undefined when there is none. */
export async function runExecution(connection: LabConnection, runId: string): Promise<{ executionArn: string; execution: DescribeExecutionCommandOutput } | undefined> {
  const executionArn = executionArnOf(await stateMachineArn(connection, 'labRun'), runId);
  try {
    return { executionArn, execution: await connection.sfn.send(new DescribeExecutionCommand({ executionArn })) };
  } catch (error) {
    if (isKind(error, ExecutionDoesNotExist)) return undefined;
    throw error;
  }
}

/** A run's lab-run execution; a run that does not exist there is a usage error naming where it looked. */
export async function findRun(connection: LabConnection, runId: string): Promise<{ executionArn: string; execution: DescribeExecutionCommandOutput }> {
  const found = await runExecution(connection, runId);
  if (!found) throw new UsageError(`There is no run ${runId} at ${connection.description} (see vpce-lab list).`);
  return found;
}
