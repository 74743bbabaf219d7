import type { Context } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';

/** A Lambda handler as the traced entry runs it. */
export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Who made an AWS call: the Task state (or, outside any workflow, the function) whose handler was running. */
export interface Caller {
  readonly name: string;
}

/** A function the traced lab serves: the caller it stands for and the real handler module it runs. */
export interface TracedFunction {
  readonly caller: string;
  readonly entry: string;
}

/** The Lambda entry every function of a traced lab points at. */
export const TRACED_FUNCTION_ENTRY = join(__dirname, 'traced-function.ts');

/**
 * Shared between the traced lab (which fills it) and the traced function
 * entry (which the in-process Lambda runtime loads): both run in this
 * process and import this one module.
 */
export const callerContext = new AsyncLocalStorage<Caller>();
export const tracedFunctions = new Map<string, TracedFunction>();

/** The callers invoked so far, in order (a state that makes no AWS call shows here only). */
export const invokedCallers: string[] = [];
/** The callers whose real handler ran, once per run of it: twice per invocation while `invocationRepeats.times` is 2. */
export const handlerRuns: string[] = [];

/** How many times each invocation runs its handler (2: as if Step Functions retried after a lost answer). */
export const invocationRepeats = { times: 1 };

/**
 * Handlers deliberately broken, by caller: each is given the real handler
 * and returns what runs instead. Only the tests that show a detector fires
 * set one (a teardown step that skips its deletes, one that swallows a
 * refusal, one that loses the cause); they remove it when done.
 */
export const brokenHandlers = new Map<string, (real: Handler) => Handler>();
