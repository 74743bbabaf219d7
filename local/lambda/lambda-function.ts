/** One function the local Lambda runtime can invoke: a module exporting `handler`, run in this process. */
export interface LambdaFunctionConfig {
  /** The function's name, as its ARN ends (`vpce-lab-BuildConsumerNetwork`). */
  readonly name: string;
  /** Absolute path of the module that exports `handler`. */
  readonly entry: string;
  /** How long an invocation may run (real time: handler work is never scaled) before it fails with `Sandbox.Timedout`. */
  readonly timeoutSeconds: number;
  readonly memorySizeMB?: number;
  /** Variables of this function only, applied over the runtime's shared environment. */
  readonly environment?: Readonly<Record<string, string>>;
}

export const DEFAULT_MEMORY_MB = 128;

export const functionArn = (region: string, accountId: string, name: string): string => `arn:aws:lambda:${region}:${accountId}:function:${name}`;

/** Invokes a function by ARN and resolves with its JSON result, as Step Functions and SNS call Lambda; rejects with a `LambdaInvocationFailed`. */
export type LambdaInvoker = (functionArn: string, payload: unknown) => Promise<unknown>;
