import type { Context } from 'aws-lambda';
import { callerContext, handlerRuns, invocationRepeats, invokedCallers, tracedFunctions } from './caller-context';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The Lambda entry of a traced lab: runs the real handler of the function
 * Lambda invoked (known from `context.functionName`) with its caller set,
 * so every AWS call it makes is attributed to its Task state.
 */
export async function handler(event: unknown, context: Context): Promise<unknown> {
  const traced = tracedFunctions.get(context.functionName);
  if (!traced) throw new Error(`${context.functionName} is not a function of the traced lab`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded as the Lambda runtime loads entries, on first use
  const real = (require(traced.entry) as { handler: Handler }).handler;
  invokedCallers.push(traced.caller);
  const run = () => {
    handlerRuns.push(traced.caller);
    return real(event, context);
  };
  return callerContext.run({ name: traced.caller }, async () => {
    let result = await run();
    for (let repeat = 1; repeat < invocationRepeats.times; repeat++) result = await run();
    return result;
  });
}
