import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { LabRun } from '../../functions/lab/lab-run';
import { findRun } from '../connection/find-run';
import type { LabConnection } from '../connection/lab-connection';
import { executionHistory } from '../follow/execution-events';
import { stepTitle } from '../render/progress-view';
import { UsageError } from '../usage-error';
import { currentPause, currentStep, type RunPause } from './run-pause';

/** `next` or `lesson` on a run that is not waiting for its student: said with where the run is, exit 2, nothing changed. */
export class RunNotPaused extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'RunNotPaused';
  }
}

/** A guided run as its student sees it: its execution, its history and the pause it is in, if any. */
export interface GuidedRun {
  readonly run: LabRun;
  readonly executionArn: string;
  readonly events: readonly HistoryEvent[];
  readonly pause?: RunPause;
}

/** Where a running guided run is, for the message that says it is not paused. */
const whereItIs = (events: readonly HistoryEvent[]): string => {
  const step = currentStep(events);
  return step === undefined ? 'between steps' : `at the step "${stepTitle(step)}"`;
};

/**
 * A guided run that is still running, read from its execution (its input
 * says it is guided). A run that is not guided or has ended is refused with
 * RunNotPaused, saying why.
 */
export async function guidedRun(connection: LabConnection, runId: string): Promise<GuidedRun> {
  const { executionArn, execution } = await findRun(connection, runId);
  const run = (JSON.parse(execution.input ?? '{}') as { run?: LabRun }).run;
  if (!run?.guided) throw new RunNotPaused(`Run ${runId} is not a guided run: it goes through without pausing (start one with vpce-lab start --guided).`);
  if (execution.status !== 'RUNNING') throw new RunNotPaused(`Run ${runId} has ended (${execution.status}): vpce-lab status ${runId} shows how.`);
  const events = await executionHistory(connection.sfn, executionArn);
  return { run, executionArn, events, pause: currentPause(events) };
}

/** The pause of a guided run; one that is not paused now is refused, saying where it is. */
export function requirePause(guided: GuidedRun): RunPause {
  if (guided.pause) return guided.pause;
  throw new RunNotPaused(`Run ${guided.run.runId} is not paused: it is ${whereItIs(guided.events)}, and pauses again before the next lesson (vpce-lab lesson ${guided.run.runId} then says what to try).`);
}
