import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { CliIo } from '../cli-io';
import { type LabConnection, type StateMachineKey, stateMachineArn } from '../connection/lab-connection';
import { ProgressView } from '../render/progress-view';
import { connectionClock } from './connection-clock';
import { executionHistory, followExecution } from './execution-events';
import { untilInterrupted } from './interrupt';
import { type RunFailure, runFailure } from './run-failure';

export interface WorkflowResult {
  readonly executionArn: string;
  readonly status: string;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** Why it did not succeed, as one line's parts: the step, AWS's code and message. */
  readonly failure?: RunFailure;
}

/** Starts one of the lab's state machines and follows it to its end, with live progress unless `quiet`; Ctrl+C ends the following with FollowInterrupted. */
export async function runWorkflow(io: CliIo, connection: LabConnection, key: StateMachineKey, input: object, name: string, quiet: boolean): Promise<WorkflowResult> {
  const arn = await stateMachineArn(connection, key);
  const { executionArn } = await connection.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) }));
  if (!executionArn) throw new Error(`Step Functions started ${name} but returned no execution ARN`);
  const clock = connectionClock(connection);
  if (!quiet) io.out.write(`${clock.pace}\n`);
  const view = quiet ? undefined : new ProgressView(io.out, clock);
  const execution = await untilInterrupted((signal) => followExecution(connection.sfn, executionArn, (event) => view?.onEvent(event), connection.pollMs, { signal })).finally(() =>
    view?.stop(),
  );
  return {
    executionArn,
    status: execution.status,
    output: execution.output ? (JSON.parse(execution.output) as unknown) : undefined,
    error: execution.error,
    cause: execution.cause,
    failure: execution.status === 'SUCCEEDED' ? undefined : runFailure(execution.error ?? execution.status, execution.cause, await executionHistory(connection.sfn, executionArn, false)),
  };
}

/** A unique execution name for a maintenance workflow (names may not be reused for 90 days on AWS). */
export const executionName = (prefix: string, now: Date): string => `${prefix}-${now.toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(16).slice(2, 6)}`;
