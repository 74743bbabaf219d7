import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { eventually, type LabFixture } from './local-lab-fixture';

/** The resolved Parameters of a callback Task's `nth` TaskScheduled event (0 the first), once the history has it. */
export async function scheduledParameters(local: LabFixture, executionArn: string, nth = 0): Promise<{ FunctionName: string; Payload: Record<string, unknown> }> {
  let scheduled: HistoryEvent | undefined;
  await eventually(async () => {
    scheduled = (await local.history(executionArn)).filter((event) => event.type === 'TaskScheduled')[nth];
    return scheduled !== undefined;
  });
  return JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}');
}

/** The task token a callback Task's `nth` attempt put in its Payload as `taskToken`, read from TaskScheduled as a client would. */
export async function taskTokenOf(local: LabFixture, executionArn: string, nth = 0): Promise<string> {
  const { Payload } = await scheduledParameters(local, executionArn, nth);
  if (typeof Payload.taskToken !== 'string') throw new Error(`the TaskScheduled event of ${executionArn} holds no taskToken`);
  return Payload.taskToken;
}
