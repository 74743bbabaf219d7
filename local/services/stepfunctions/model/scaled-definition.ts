import { type AslDefinition, forEachState } from './asl-definition';
import { wrapCallbackTask } from './callback-definition';
import { LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN } from './task-targets';

/** The longest timer Node can arm (about 24.8 days), standing in for AWS's 99999999-second default Task timeout. */
const LONGEST_TASK_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const DEFAULT_RETRY_INTERVAL_SECONDS = 1;

/**
 * The copy of a definition that runs locally: every Wait `Seconds`, Retry
 * `IntervalSeconds` and `MaxDelaySeconds` multiplied by the cloud's time scale,
 * so waiting on AWS takes the same share of time as AWS's own changes do.
 * `Timestamp`/`TimestampPath` waits (a run's TTL) stay wall-clock time.
 * A Task with no timeout gets the longest one a timer allows, since
 * aws-local-stepfunctions would otherwise stop it after 60 seconds.
 * Task timeouts are never scaled: a callback Task waits for a person or a
 * system outside the cloud, on the wall clock (see wrapCallbackTask, which
 * also hands the timeout to the callback Task's handler).
 */
export function scaledDefinition(definition: AslDefinition, timeScale: number): AslDefinition {
  // A JSON copy, not structuredClone: aws-local-stepfunctions fills in the `.$` fields only of objects with this
  // realm's Object.prototype, and structuredClone builds them in the host's realm (another one under jest's vm).
  const copy = JSON.parse(JSON.stringify(definition)) as AslDefinition;
  forEachState(copy, ({ state }) => {
    if (state.Type === 'Wait' && state.Seconds !== undefined) state.Seconds *= timeScale;
    for (const retrier of state.Retry ?? []) {
      retrier.IntervalSeconds = (retrier.IntervalSeconds ?? DEFAULT_RETRY_INTERVAL_SECONDS) * timeScale;
      if (retrier.MaxDelaySeconds !== undefined) retrier.MaxDelaySeconds *= timeScale;
    }
    // Wrapped first: the longest timer below is the package's, not a timeout the Task was given.
    if (state.Type === 'Task' && state.Resource === LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN) wrapCallbackTask(state);
    if (state.Type === 'Task' && state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = LONGEST_TASK_SECONDS;
  });
  return copy;
}
