import { randomUUID } from 'node:crypto';

/**
 * A failed invocation as its caller sees it. `name` is the error Step Functions
 * matches in `Retry` and `Catch` (the handler's own error name for a function
 * error); `message` is the Cause, which for a function error is the JSON
 * payload Lambda returns (`{"errorType", "errorMessage", "trace"}`).
 */
export class LambdaInvocationFailed extends Error {
  constructor(
    errorName: string,
    cause: string,
    /** What went wrong, for a person reading a log line (the cause without its JSON and trace). */
    readonly summary = `${errorName}: ${cause}`,
  ) {
    super(cause);
    this.name = errorName;
  }
}

const payloadError = (errorType: string, errorMessage: string, trace?: string[]): LambdaInvocationFailed =>
  new LambdaInvocationFailed(errorType, JSON.stringify(trace ? { errorType, errorMessage, trace } : { errorType, errorMessage }), `${errorType}: ${errorMessage}`);

/** What the handler threw, keeping its `name` as the error type. */
export function functionError(thrown: unknown): LambdaInvocationFailed {
  const error = Error.isError(thrown) ? thrown : new Error(String(thrown));
  return payloadError(error.name || 'Error', error.message, (error.stack ?? `${error.name}: ${error.message}`).split('\n'));
}

export const functionNotFound = (arn: string): LambdaInvocationFailed =>
  new LambdaInvocationFailed(
    'Lambda.ResourceNotFoundException',
    `Function not found: ${arn} (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`,
  );

export const importModuleError = (entry: string, error: unknown): LambdaInvocationFailed =>
  payloadError('Runtime.ImportModuleError', `Error: cannot load ${entry}: ${Error.isError(error) ? error.message : String(error)}`);

export const handlerNotFound = (entry: string): LambdaInvocationFailed => payloadError('Runtime.HandlerNotFound', `${entry}.handler is undefined or not exported`);

export const timedOut = (requestId: string, seconds: number): LambdaInvocationFailed =>
  payloadError('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`);
