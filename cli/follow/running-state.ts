import { GetExecutionHistoryCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { waitsForStudent } from '../guided/run-pause';
import { holdBegins } from './run-hold';

/** What a running run is doing, for people: RUNNING, HOLDING (a `--keep` run holding its built lab) or PAUSED (a guided run waiting for its student). */
export type RunningState = 'RUNNING' | 'HOLDING' | 'PAUSED';

/** What a running run waits for, read from its latest event alone (one small history read, however long the run). */
export async function runningState(sfn: SFNClient, executionArn: string): Promise<RunningState> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1, includeExecutionData: false }));
  const [latest] = events ?? [];
  if (latest && holdBegins(latest)) return 'HOLDING';
  return waitsForStudent(latest) ? 'PAUSED' : 'RUNNING';
}
