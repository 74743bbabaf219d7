import { createHash } from 'node:crypto';

/**
 * A ClientToken derived from the run and the resource's logical name: a
 * retried or re-run step sends the same token, so AWS returns the resource
 * the first attempt made instead of making a second one.
 */
export const clientToken = (runId: string, logicalName: string): string =>
  createHash('sha256').update(`${runId}/${logicalName}`).digest('hex').slice(0, 64);
