import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, or less once `signal` aborts: the caller sees the abort itself, from the signal. */
export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(Math.max(0, ms), undefined, { signal }).catch((error: unknown) => {
    if (!signal?.aborted) throw error;
  });
