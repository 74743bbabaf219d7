import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { type AwsClients, awsClients } from './aws-clients';
import { awsErrorCode, isGoneCode } from './aws-error-code';
import { LabInputInvalid, NotReady, RETRYABLE_ERRORS } from './lab-errors';
import { logger } from './logger';

/** What a lab step's domain function is given besides its input. */
export interface StepDependencies {
  readonly clients: AwsClients;
  readonly logger: Logger;
  readonly now: () => Date;
}

export type LabStepFunction<I, O> = (input: I, dependencies: StepDependencies) => Promise<O>;

/**
 * A Lambda handler for one lab step: validates the input against the step's
 * schema (refusing it with `LabInputInvalid`, which no Retry matches), calls
 * the plain domain function, returns its plain JSON. Structured logs carry
 * the run id; failures are logged before they propagate to the workflow.
 */
export function labStep<S extends z.ZodType, O>(name: string, schema: S, step: LabStepFunction<z.infer<S>, O>) {
  return middy(async (event: unknown, _context: Context): Promise<O> => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new LabInputInvalid(`${name} was given an input it cannot use: ${z.prettifyError(parsed.error)}`);
    // Build steps carry the run under `run`; teardown steps are given its id alone.
    const data = parsed.data as { run?: { runId?: string }; runId?: string };
    const runId = data.run?.runId ?? data.runId;
    if (runId) logger.appendKeys({ runId });
    try {
      const output = await step(parsed.data, { clients: awsClients(), logger, now: () => new Date() });
      logger.info(`${name} done`);
      return output;
    } catch (thrown) {
      const error = notYetVisible(thrown) ?? thrown;
      if (isRetryable(error)) logger.info(`${name} not done yet`, { reason: error.message, error: error.name });
      else logger.error(`${name} failed`, error as Error);
      throw error;
    }
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

const isRetryable = (error: unknown): error is Error => Error.isError(error) && (RETRYABLE_ERRORS as readonly string[]).includes(error.name);

/**
 * EC2 and ELBv2 are eventually consistent: right after a create, a call
 * naming the new resource may answer `…NotFound`. Steps handle the NotFound
 * they expect (a teardown finding something already gone); one that escapes
 * a step names what the run just made or was handed, which AWS does not show
 * yet, so the workflow retries it as NotReady, the AWS error kept.
 */
function notYetVisible(error: unknown): NotReady | undefined {
  const code = awsErrorCode(error);
  if (!isGoneCode(code)) return undefined;
  return new NotReady(`AWS does not show yet a resource the run made or was given (eventual consistency): ${code}: ${(error as Error).message}`);
}
