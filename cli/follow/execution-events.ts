import { abortableSleep } from './abortable-sleep';
import { type ExecutionStatus, GetExecutionHistoryCommand, type HistoryEvent, type SFNClient, DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';

/** Following was stopped by the user (Ctrl+C); the execution itself goes on where it runs. */
export class FollowInterrupted extends Error {
  constructor(readonly executionArn: string) {
    super(`Stopped following ${executionArn}`);
    this.name = 'FollowInterrupted';
  }
}

export interface FollowOptions {
  /** Aborting it stops following at once, with FollowInterrupted. */
  readonly signal?: AbortSignal;
  /** Stops following, the execution still running, once an event satisfies it (a held run: once the hold begins). */
  readonly until?: (event: HistoryEvent) => boolean;
}

/** Every history event of an execution, oldest first; without the states' inputs and outputs when `includeExecutionData` is false. */
export async function executionHistory(sfn: SFNClient, executionArn: string, includeExecutionData = true, abortSignal?: AbortSignal): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData }), { abortSignal });
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * Follows an execution until it ends (or `until` holds), handing each new
 * history event to `onEvent` as it appears, and returns the execution as it
 * was then: ended, or RUNNING when `until` stopped the following. The events
 * come without the states' inputs and outputs: each poll reads the whole
 * history again, and the progress needs only names, times and errors.
 */
export async function followExecution(
  sfn: SFNClient,
  executionArn: string,
  onEvent: (event: HistoryEvent) => void,
  pollMs: number,
  options: FollowOptions = {},
): Promise<DescribeExecutionCommandOutput & { status: ExecutionStatus }> {
  const { signal, until } = options;
  let seen = 0;
  try {
    for (;;) {
      const execution = (await sfn.send(new DescribeExecutionCommand({ executionArn }), { abortSignal: signal })) as DescribeExecutionCommandOutput & { status: ExecutionStatus };
      const events = await executionHistory(sfn, executionArn, false, signal);
      let reached = false;
      for (const event of events.slice(seen)) {
        onEvent(event);
        reached ||= until?.(event) === true;
      }
      seen = events.length;
      if (reached || (execution.status && execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE')) return execution;
      await abortableSleep(pollMs, signal);
      if (signal?.aborted) throw new FollowInterrupted(executionArn);
    }
  } catch (error) {
    if (signal?.aborted) throw new FollowInterrupted(executionArn);
    throw error;
  }
}

/** The output a state left when it exited, parsed; undefined when it never exited. */
export function stateOutput(events: readonly HistoryEvent[], stateName: string): unknown {
  const exited = [...events].reverse().find((event) => event.stateExitedEventDetails?.name === stateName);
  const output = exited?.stateExitedEventDetails?.output;
  return output ? (JSON.parse(output) as unknown) : undefined;
}
