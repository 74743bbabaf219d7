import type { Context } from 'aws-lambda';
import { brokenHandlers, callerContext, type Handler, handlerRuns, invocationRepeats, invokedCallers, tracedFunctions } from './caller-context';

/**
 * The Lambda entry of a traced lab: runs the real handler of the function
 * Lambda invoked (known from `context.functionName`) with its caller set,
 * so every AWS call it makes is attributed to its Task state (or the
 * broken stand-in a detector's test set for that state).
 */
export async function handler(event: unknown, context: Context): Promise<unknown> {
  const traced = tracedFunctions.get(context.functionName);
  if (!traced) throw new Error(`${context.functionName} is not a function of the traced lab`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded as the Lambda runtime loads entries, on first use
  const loaded = (require(traced.entry) as { handler: Handler }).handler;
  const real = brokenHandlers.get(traced.caller)?.(loaded) ?? loaded;
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
