import type { GetExecutionHistoryInput, GetExecutionHistoryOutput } from '@aws-sdk/client-sfn';
import { type Operation, operation } from '../../../protocol/service-provider';
import { requireExecution } from '../model/executions';
import { requireArn } from '../model/sfn-arns';
import type { SfnContext } from '../model/sfn-context';
import { historyEventShape } from './sfn-shapes';
import { sfnPage } from './sfn-page';

/** GetExecutionHistory: the events of one execution, oldest first unless `reverseOrder`, paged. */
export function historyOperations(context: SfnContext): Record<string, Operation> {
  return {
    GetExecutionHistory: operation(
      { executionArn: true, maxResults: true, nextToken: true, reverseOrder: true, includeExecutionData: true },
      (input: GetExecutionHistoryInput): GetExecutionHistoryOutput => {
        const arn = requireArn(input.executionArn, 'execution', 'executionArn');
        requireExecution(context, arn);
        const page = sfnPage(context.tables.histories.entries(arn, input.reverseOrder === true), input.maxResults, input.nextToken, `history ${arn} ${input.reverseOrder === true}`);
        return { events: page.items.map((event) => historyEventShape(event, input.includeExecutionData !== false)), nextToken: page.nextToken };
      },
    ),
  };
}
