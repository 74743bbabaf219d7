import { randomUUID } from 'node:crypto';
import { TaskFailure } from './task-failure';

const LAMBDA_FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a run's context gives as `$$.Task.Token`: aws-local-stepfunctions
 * takes one context for the whole run, while each attempt of a callback
 * Task has its own token. The marker stands in for it, and the Task's
 * handler puts the attempt's token wherever the resolved Parameters hold the
 * marker (a whole value, or part of a string an intrinsic function built).
 * A random marker per run: no input can hold it by chance.
 */
export const taskTokenMarker = (): string => `vpce-lab-task-token-${randomUUID()}`;

/** `value` with every occurrence of `marker` in its strings replaced by `token`. */
export function withTaskToken(value: unknown, marker: string, token: string): unknown {
  if (typeof value === 'string') return value.split(marker).join(token);
  if (Array.isArray(value)) return value.map((item) => withTaskToken(item, marker, token));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTaskToken(item, marker, token)]));
  return value;
}

/**
 * The Invoke a callback Task's resolved Parameters ask for: the function
 * (an ARN, or a name in the execution's region and account, as Lambda's
 * FunctionName takes it) and the payload, `{}` when none is given.
 */
export function invokeRequest(parameters: unknown, region: string, accountId: string): { functionArn: string; payload: unknown } {
  const { FunctionName, Payload } = (parameters ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  if (typeof FunctionName !== 'string') throw new TaskFailure('States.Runtime', 'The Parameters of a lambda:invoke.waitForTaskToken Task must give FunctionName as a string');
  const functionArn = LAMBDA_FUNCTION_ARN.test(FunctionName) || !FUNCTION_NAME.test(FunctionName) ? FunctionName : `arn:aws:lambda:${region}:${accountId}:function:${FunctionName}`;
  return { functionArn, payload: Payload === undefined ? {} : Payload };
}
