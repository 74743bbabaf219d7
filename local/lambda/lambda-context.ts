import type { Context } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { DEFAULT_MEMORY_MB, type LambdaFunctionConfig } from './lambda-function';

/** How an invocation ends when the handler uses the legacy `context.succeed/fail/done` instead of returning. */
export interface InvocationSettlement {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const logStreamName = (now: Date): string =>
  `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;

/** The `Context` Lambda passes a handler: names, ARN, memory, request id and the time left before the timeout. */
export function lambdaContext(fn: LambdaFunctionConfig, arn: string, requestId: string, deadline: number, settle: InvocationSettlement): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: String(fn.memorySizeMB ?? DEFAULT_MEMORY_MB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: logStreamName(new Date()),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error?: Error, result?: unknown) => (error ? settle.reject(error) : settle.resolve(result)),
    fail: (error: Error | string) => settle.reject(error),
    succeed: (result: unknown) => settle.resolve(result),
  };
}
