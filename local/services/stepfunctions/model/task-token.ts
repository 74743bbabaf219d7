import { randomBytes } from 'node:crypto';

/** The format's first byte, so a token of another format (a later one, or none at all) is told apart. */
const VERSION = 1;
/** 192 random bits: a token cannot be guessed, even knowing the execution it belongs to. */
const NONCE_BYTES = 24;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;

/**
 * A task token: base64, as AWS's are (an AWS token shown in an error begins
 * `AQCwAAAAKgAAAAMAAAAA…`, andybalham/blog-task-tokens-part-2 README), of a
 * version byte, random bytes and the ARN of the execution the task runs in.
 * The ARN is what lets a token outlive the process that minted it: once the
 * waits of that process are gone, the execution's record still tells whether
 * its tasks have ended.
 */
export function mintTaskToken(executionArn: string): string {
  return Buffer.concat([Buffer.from([VERSION]), randomBytes(NONCE_BYTES), Buffer.from(executionArn, 'utf8')]).toString('base64');
}

/** The execution a token names, or undefined for a string that is no token of this format (InvalidToken). */
export function tokenExecution(token: string): string | undefined {
  const bytes = Buffer.from(token, 'base64');
  // Node's decoder skips what is not base64; a token must be exactly what encoding its bytes gives.
  if (bytes.toString('base64') !== token || bytes.length <= 1 + NONCE_BYTES || bytes[0] !== VERSION) return undefined;
  const executionArn = bytes.subarray(1 + NONCE_BYTES).toString('utf8');
  return EXECUTION_ARN.test(executionArn) ? executionArn : undefined;
}
