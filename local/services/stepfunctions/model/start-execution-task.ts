import type { StartRequest } from './executions';
import type { ExecutionRecord } from './sfn-records';
import { TaskFailure } from './task-failure';

/** The StartExecution call a `startExecution.sync:2` Task makes from its Parameters (`StateMachineArn`, `Input`, `Name`). */
export function childStartRequest(parameters: unknown, parentExecutionArn: string): StartRequest {
  const { StateMachineArn, Input, Name } = (parameters ?? {}) as { StateMachineArn?: unknown; Input?: unknown; Name?: unknown };
  if (typeof StateMachineArn !== 'string') throw new TaskFailure('States.Runtime', 'The Parameters of a startExecution.sync:2 Task must give StateMachineArn as a string');
  if (Name !== undefined && typeof Name !== 'string') throw new TaskFailure('States.Runtime', 'The Name of a startExecution.sync:2 Task must be a string');
  return { stateMachineArn: StateMachineArn, name: Name, input: typeof Input === 'string' ? Input : JSON.stringify(Input ?? {}), parentExecutionArn };
}

const parsed = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

/**
 * What a `startExecution.sync:2` Task returns: the child's DescribeExecution,
 * in PascalCase, with Input and Output as JSON values (not strings) and dates
 * in epoch milliseconds. For a child that did not succeed it is the Cause of
 * the Task's `States.TaskFailed`, with the child's Error and Cause inside.
 */
export function syncOutput(child: ExecutionRecord) {
  return {
    ExecutionArn: child.id,
    Input: parsed(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    Output: parsed(child.output),
    OutputDetails: child.output === undefined ? undefined : { Included: true },
    StartDate: child.startDate,
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    StopDate: child.stopDate,
    Error: child.error,
    Cause: child.cause,
  };
}
