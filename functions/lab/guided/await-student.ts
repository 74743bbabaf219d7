import type { Logger } from '@aws-lambda-powertools/logger';
import type { LabRun } from '../lab-run';
import type { GuidedStop } from './guided-stops';

export interface AwaitStudentInput {
  readonly run: LabRun;
  readonly stop: GuidedStop;
  readonly continueBy: string;
  /** The pause's task token: the workflow waits until `vpce-lab next` returns it. Never logged: it continues the run. */
  readonly taskToken: string;
}

export interface Paused {
  readonly stop: GuidedStop;
  readonly pausedAt: string;
  readonly continueBy: string;
}

/**
 * The run is handed to the student: the workflow now waits on the task
 * token until `vpce-lab next` sends it back, or the pause's timeout (the
 * run's TTL) passes and the run is torn down. The pause is logged for the
 * people who run the workshop, without the token.
 */
export function awaitStudent(input: AwaitStudentInput, logger: Logger, now: Date): Paused {
  const paused = { stop: input.stop, pausedAt: now.toISOString(), continueBy: input.continueBy };
  logger.info('guided run paused for the student', { ...paused, continueWith: `vpce-lab next ${input.run.runId}` });
  return paused;
}
