import type { AslState } from './asl-definition';
import { TaskFailure } from './task-failure';

/** The members a callback Task's Parameters give the invoke: the only ones the local cloud carries out. */
const INVOKE_MEMBERS = ['FunctionName', 'Payload'];

/** What the local handler of a callback Task is given: the Task's Parameters, resolved, and its timeout, if it has one. */
interface CallbackWrapper {
  readonly Parameters: unknown;
  readonly TimeoutSeconds?: unknown;
}

/**
 * Refuses, at registration, a callback Task whose Parameters the local cloud
 * would not carry out in full: they must name the function (`FunctionName`)
 * and may give a `Payload`; `InvocationType`, `Qualifier` and `ClientContext`
 * (which AWS takes) are not modelled, and refused rather than ignored.
 */
export function requireInvokeParameters(state: AslState, where: string): void {
  const parameters = state.Parameters;
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw new Error(`${where} must give Parameters with FunctionName (and Payload)`);
  }
  const members = Object.keys(parameters).map((key) => key.replace(/\.\$$/, ''));
  const unmodelled = members.filter((member) => !INVOKE_MEMBERS.includes(member));
  if (unmodelled.length > 0) throw new Error(`${where} gives ${unmodelled.join(', ')} in its Parameters, which the local cloud does not model; it takes ${INVOKE_MEMBERS.join(' and ')}`);
  if (!members.includes('FunctionName')) throw new Error(`${where} must give FunctionName in its Parameters`);
}

/**
 * Rewrites a callback Task of the runnable copy so that its local handler
 * learns the Task's timeout: aws-local-stepfunctions hands a handler only the
 * effective input. The Parameters become `{Parameters, TimeoutSeconds}`, the
 * timeout read by the Parameters (`TimeoutSeconds.$` for a
 * TimeoutSecondsPath), and the package's own timer reads it back from there
 * (`TimeoutSecondsPath: $.TimeoutSeconds`), so both time the same wait.
 * AWS reads TimeoutSecondsPath from the state's input; a Parameters path
 * reads it after InputPath: the same unless the Task also sets InputPath.
 * The timeout is wall-clock time, as given: it is never scaled.
 */
export function wrapCallbackTask(state: AslState): void {
  const wrapper: Record<string, unknown> = { Parameters: state.Parameters };
  if (state.TimeoutSeconds !== undefined) wrapper.TimeoutSeconds = state.TimeoutSeconds;
  else if (state.TimeoutSecondsPath !== undefined) {
    wrapper['TimeoutSeconds.$'] = state.TimeoutSecondsPath;
    state.TimeoutSecondsPath = '$.TimeoutSeconds';
  }
  state.Parameters = wrapper;
}

/**
 * The resolved Parameters and timeout a wrapped callback Task's handler was
 * given; `timeoutSeconds` is undefined for a Task without one, and for a
 * TimeoutSecondsPath value that is no positive integer, which the package
 * refuses with States.Runtime itself (`invalid`).
 */
export function unwrapCallbackInput(input: unknown): { parameters: unknown; timeoutSeconds?: number; invalid?: true } {
  if (typeof input !== 'object' || input === null || !('Parameters' in input)) throw new TaskFailure('States.Runtime', 'The local runtime lost the Parameters of a callback Task');
  const { Parameters, TimeoutSeconds } = input as CallbackWrapper;
  if (TimeoutSeconds === undefined) return { parameters: Parameters };
  if (typeof TimeoutSeconds !== 'number' || !Number.isInteger(TimeoutSeconds) || TimeoutSeconds < 1) return { parameters: Parameters, invalid: true };
  return { parameters: Parameters, timeoutSeconds: TimeoutSeconds };
}
