import type { DescribeStateMachineInput, DescribeStateMachineOutput, ListStateMachinesInput, ListStateMachinesOutput } from '@aws-sdk/client-sfn';
import { type Operation, operation } from '../../../protocol/service-provider';
import { requireArn, stateMachineRoleArn } from '../model/sfn-arns';
import type { SfnContext } from '../model/sfn-context';
import { INCLUDED_DATA } from './sfn-shapes';
import { sfnPage } from './sfn-page';

/** The state machines registered at start: listed and described, never created or changed through the API. */
export function stateMachineOperations(context: SfnContext): Record<string, Operation> {
  return {
    ListStateMachines: operation(
      { maxResults: true, nextToken: true },
      (input: ListStateMachinesInput): ListStateMachinesOutput => {
        const machines = context.registry.all().sort((a, b) => a.name.localeCompare(b.name));
        const page = sfnPage(machines, input.maxResults, input.nextToken, 'state-machines');
        return {
          stateMachines: page.items.map((machine) => ({ stateMachineArn: machine.arn, name: machine.name, type: 'STANDARD', creationDate: new Date(machine.creationDate) })),
          nextToken: page.nextToken,
        };
      },
    ),

    DescribeStateMachine: operation(
      { stateMachineArn: true, includedData: INCLUDED_DATA },
      (input: DescribeStateMachineInput): DescribeStateMachineOutput => {
        const machine = context.registry.require(requireArn(input.stateMachineArn, 'stateMachine', 'stateMachineArn'));
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: machine.definition,
          roleArn: stateMachineRoleArn(context.runtime.accountId, machine.name),
          type: 'STANDARD',
          creationDate: new Date(machine.creationDate),
          loggingConfiguration: { level: 'OFF', includeExecutionData: false },
          tracingConfiguration: { enabled: false },
        };
      },
    ),
  };
}
