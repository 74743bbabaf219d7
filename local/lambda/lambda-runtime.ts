import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { withEnvironment } from './invocation-environment';
import { lambdaContext } from './lambda-context';
import { functionError, functionNotFound, handlerNotFound, importModuleError, LambdaInvocationFailed, timedOut } from './lambda-errors';
import { DEFAULT_MEMORY_MB, functionArn, type LambdaFunctionConfig } from './lambda-function';
import { isKind } from '../../functions/commons/is-kind';

type Handler = (event: unknown, context: Context) => unknown;

export interface LambdaRuntimeOptions {
  readonly region: string;
  readonly accountId: string;
  readonly functions: readonly LambdaFunctionConfig[];
  /**
   * What every function's environment holds besides its own variables,
   * read at each invocation: the endpoint is known only once the cloud listens.
   */
  readonly environment: () => Readonly<Record<string, string>>;
}

/**
 * Lambda, in this process: a function's module is loaded on first use and its
 * `handler(event, context)` is called with the environment Lambda would set
 * as its `process.env` (its own for each invocation, however many run at
 * once: its credentials say which role it calls as). Results are returned
 * as JSON, the way Lambda serializes them; errors keep the handler's error name.
 *
 * Limits: every function shares this process, so a module's state (a
 * client cache) is shared by all; a timed-out handler is failed but not stopped.
 */
export class LambdaRuntime {
  private readonly functions = new Map<string, LambdaFunctionConfig>();

  constructor(private readonly options: LambdaRuntimeOptions) {
    for (const fn of options.functions) this.functions.set(this.arnOf(fn.name), fn);
  }

  arnOf(name: string): string {
    return functionArn(this.options.region, this.options.accountId, name);
  }

  has(arn: string): boolean {
    return this.functions.has(arn);
  }

  /** Runs the function named by `arn` on `payload`; rejects with a `LambdaInvocationFailed`. */
  async invoke(arn: string, payload: unknown): Promise<unknown> {
    const fn = this.functions.get(arn);
    if (!fn || !existsSync(fn.entry)) throw functionNotFound(arn);
    // Lambda sets the environment before it loads the module: code run at load time (a logger's level) reads it.
    return withEnvironment(this.environmentOf(fn), async () => {
      const handler = loadHandler(fn.entry);
      const requestId = randomUUID();
      try {
        const result = await runWithTimeout(fn, arn, requestId, handler, payload);
        return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
      } catch (error) {
        throw isKind(error, LambdaInvocationFailed) ? error : functionError(error);
      }
    });
  }

  private environmentOf(fn: LambdaFunctionConfig): Record<string, string> {
    const { region } = this.options;
    return {
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
      ...this.options.environment(),
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMB ?? DEFAULT_MEMORY_MB),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
      ...fn.environment,
    };
  }
}

function loadHandler(entry: string): Handler {
  let loaded: { handler?: unknown };
  try {
    // Loaded through the host's module loader (tsx for the command, jest in tests), which compiles the TypeScript entry.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(entry) as { handler?: unknown };
  } catch (error) {
    throw importModuleError(entry, error);
  }
  if (typeof loaded.handler !== 'function') throw handlerNotFound(entry);
  return loaded.handler as Handler;
}

function runWithTimeout(fn: LambdaFunctionConfig, arn: string, requestId: string, handler: Handler, payload: unknown): Promise<unknown> {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut(requestId, fn.timeoutSeconds)), fn.timeoutSeconds * 1000);
    timer.unref();
    const settle = {
      resolve: (result: unknown) => {
        clearTimeout(timer);
        resolve(result);
      },
      reject: (error: unknown) => {
        clearTimeout(timer);
        reject(Error.isError(error) ? error : new Error(String(error)));
      },
    };
    const context = lambdaContext(fn, arn, requestId, deadline, settle);
    Promise.resolve()
      .then(() => handler(payload, context))
      .then(settle.resolve, settle.reject);
  });
}
