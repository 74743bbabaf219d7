import { type ExecutionStatus, GetExecutionHistoryCommand, type HistoryEvent, type SFNClient, DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every history event of an execution, oldest first; without the states' inputs and outputs when `includeExecutionData` is false. */
export async function executionHistory(sfn: SFNClient, executionArn: string, includeExecutionData = true): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000, includeExecutionData }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * Follows an execution until it ends, handing each new history event to
 * `onEvent` as it appears, and returns how it ended. The events come
 * without the states' inputs and outputs: each poll reads the whole
 * history again, and the progress needs only names, times and errors.
 */
export async function followExecution(
  sfn: SFNClient,
  executionArn: string,
  onEvent: (event: HistoryEvent) => void,
  pollMs: number,
): Promise<DescribeExecutionCommandOutput & { status: ExecutionStatus }> {
  let seen = 0;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const events = await executionHistory(sfn, executionArn, false);
    for (const event of events.slice(seen)) onEvent(event);
    seen = events.length;
    if (execution.status && execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      return execution as DescribeExecutionCommandOutput & { status: ExecutionStatus };
    }
    await sleep(pollMs);
  }
}

/** The output a state left when it exited, parsed; undefined when it never exited. */
export function stateOutput(events: readonly HistoryEvent[], stateName: string): unknown {
  const exited = [...events].reverse().find((event) => event.stateExitedEventDetails?.name === stateName);
  const output = exited?.stateExitedEventDetails?.output;
  return output ? (JSON.parse(output) as unknown) : undefined;
}
