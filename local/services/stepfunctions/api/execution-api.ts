import type {
  DescribeExecutionInput,
  DescribeExecutionOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  StartExecutionInput,
  StartExecutionOutput,
  StopExecutionInput,
  StopExecutionOutput,
} from '@aws-sdk/client-sfn';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { ExecutionRunner } from '../model/execution-runner';
import { requireExecution, startExecution, stopExecution } from '../model/executions';
import { requireArn } from '../model/sfn-arns';
import type { SfnContext } from '../model/sfn-context';
import { describeExecutionShape, executionListItem, INCLUDED_DATA } from './sfn-shapes';
import { sfnPage } from './sfn-page';

/** Executions: started here and run in-process by the runner, stopped, described and listed. */
export function executionOperations(context: SfnContext, runner: ExecutionRunner): Record<string, Operation> {
  return {
    StartExecution: operation(
      { stateMachineArn: true, name: true, input: true },
      (input: StartExecutionInput): StartExecutionOutput => {
        const stateMachineArn = requireArn(input.stateMachineArn, 'stateMachine', 'stateMachineArn');
        const { record, isNew } = startExecution(context, { stateMachineArn, name: input.name, input: input.input });
        if (isNew) runner.launch(record.id);
        return { executionArn: record.id, startDate: new Date(record.startDate) };
      },
    ),

    DescribeExecution: operation(
      { executionArn: true, includedData: INCLUDED_DATA },
      (input: DescribeExecutionInput): DescribeExecutionOutput =>
        describeExecutionShape(requireExecution(context, requireArn(input.executionArn, 'execution', 'executionArn'))),
    ),

    StopExecution: operation(
      { executionArn: true, error: true, cause: true },
      (input: StopExecutionInput): StopExecutionOutput => {
        const arn = requireArn(input.executionArn, 'execution', 'executionArn');
        runner.abort(stopExecution(context, arn, { error: input.error, cause: input.cause }));
        return { stopDate: new Date(requireExecution(context, arn).stopDate ?? context.runtime.clock.now()) };
      },
    ),

    ListExecutions: operation(
      { stateMachineArn: true, statusFilter: true, maxResults: true, nextToken: true },
      (input: ListExecutionsInput): ListExecutionsOutput => {
        if (!input.stateMachineArn) throw new ServiceError('ValidationException', 'Must provide a StateMachine ARN or MapRun ARN');
        const machine = context.registry.require(requireArn(input.stateMachineArn, 'stateMachine', 'stateMachineArn'));
        const executions = context.tables.executions
          .all()
          .filter((record) => record.stateMachineArn === machine.arn && (!input.statusFilter || record.status === input.statusFilter))
          .sort((a, b) => b.startDate - a.startDate || b.id.localeCompare(a.id));
        const page = sfnPage(executions, input.maxResults, input.nextToken, `executions ${machine.arn} ${input.statusFilter ?? ''}`);
        return { executions: page.items.map(executionListItem), nextToken: page.nextToken };
      },
    ),
  };
}
