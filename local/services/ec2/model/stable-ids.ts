import { createHash } from 'node:crypto';

/**
 * Hex digits derived from `seed`: the same seed always gives the same digits.
 * For names AWS fixes once (the id of `com.amazonaws.<region>.s3`, the random
 * part of an endpoint's DNS names), so they stay put across calls and restarts
 * without being stored.
 */
export const stableHex = (seed: string, length: number): string => createHash('sha256').update(seed).digest('hex').slice(0, length);

/** An EC2-style id (`prefix-` and 17 hex digits) derived from `seed`. */
export const stableId = (prefix: string, seed: string): string => `${prefix}-${stableHex(seed, 17)}`;
