import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { type GuidedStop, openLessonState, stopOfPause } from '../../functions/lab/guided/guided-stops';
import type { LessonBrief } from '../../functions/lab/guided/lesson-brief';
import { TASK_TOKEN_FIELD, waitsForTaskToken } from '../../statemachine/asl/lab-task';
import { stateOutput } from '../follow/execution-events';

/** A guided run waiting for its student: where, with the task token `next` returns. */
export interface RunPause {
  readonly stop: GuidedStop;
  readonly stateName: string;
  readonly taskToken: string;
  /** The id of the pause's TaskScheduled event: following on from `next` shows what comes after it. */
  readonly scheduledEventId: number;
  /** What the student may try, from the state before the pause; undefined when the history came without data. */
  readonly brief?: LessonBrief;
}

/** Where a callback Task's token travels: the Payload of its `lambda:invoke.waitForTaskToken` parameters. */
const tokenOf = (parameters: string | undefined): string | undefined => {
  if (!parameters) return undefined;
  const { Payload } = JSON.parse(parameters) as { Payload?: Record<string, unknown> };
  const token = Payload?.[TASK_TOKEN_FIELD];
  return typeof token === 'string' ? token : undefined;
};

/** A pause's token is handed out: the callback Task was scheduled with it (after `sinceEventId`). */
export const pauseBegins =
  (sinceEventId = 0) =>
  (event: HistoryEvent): boolean =>
    event.type === 'TaskScheduled' && (event.id ?? 0) > sinceEventId && waitsForTaskToken(event.taskScheduledEventDetails?.resource);

/**
 * A guided run waits for its student once its latest event is its pause's
 * TaskSubmitted: the callback Task's last event until the token comes back.
 */
export const waitsForStudent = (latest: HistoryEvent | undefined): boolean => latest?.type === 'TaskSubmitted' && waitsForTaskToken(latest.taskSubmittedEventDetails?.resource);

/**
 * The pause a guided run is in, read from its history (with data, for the
 * token): the last pause state entered, not yet exited, whose Task was
 * scheduled with its token and has not ended. Undefined when the run is not
 * waiting for its student.
 */
export function currentPause(events: readonly HistoryEvent[]): RunPause | undefined {
  let pause: { stop: GuidedStop; stateName: string; taskToken?: string; scheduledEventId?: number } | undefined;
  for (const event of events) {
    const entered = event.type === 'TaskStateEntered' ? event.stateEnteredEventDetails?.name : undefined;
    const stop = entered === undefined ? undefined : stopOfPause(entered);
    if (entered !== undefined && stop !== undefined) pause = { stop, stateName: entered };
    else if (pause && event.type === 'TaskScheduled') pause = { ...pause, taskToken: tokenOf(event.taskScheduledEventDetails?.parameters), scheduledEventId: event.id };
    // A failed attempt may be retried with a new token; success, a timeout or the state's exit end the pause.
    else if (pause && event.type === 'TaskFailed') pause = { stop: pause.stop, stateName: pause.stateName };
    else if (pause && (event.type === 'TaskSucceeded' || event.type === 'TaskTimedOut' || event.stateExitedEventDetails?.name === pause.stateName)) pause = undefined;
  }
  if (!pause?.taskToken || pause.scheduledEventId === undefined) return undefined;
  const opened = stateOutput(events, openLessonState(pause.stop)) as { guide?: LessonBrief } | undefined;
  return { stop: pause.stop, stateName: pause.stateName, taskToken: pause.taskToken, scheduledEventId: pause.scheduledEventId, brief: opened?.guide };
}

/** The step a run is at for people: the last Task state entered and not yet exited. */
export function currentStep(events: readonly HistoryEvent[]): string | undefined {
  const open: string[] = [];
  for (const event of events) {
    if (event.type === 'TaskStateEntered' && event.stateEnteredEventDetails?.name) open.push(event.stateEnteredEventDetails.name);
    const exited = event.type === 'TaskStateExited' ? open.lastIndexOf(event.stateExitedEventDetails?.name ?? '') : -1;
    if (exited >= 0) open.splice(exited, 1);
  }
  return open.at(-1);
}
