import { MAXIMUM_RETRY_DELAY, StandardRetryStrategy, type StandardRetryStrategyOptions } from '@smithy/core/retry';

type BackoffStrategy = NonNullable<StandardRetryStrategyOptions['backoff']>;

/**
 * The SDK's standard back-off (full jitter: a random wait up to the base
 * times 2^attempt, capped), every wait multiplied by `scale`. The base is
 * the one the strategy sets per error: longer after throttling.
 */
export class ScaledBackoff implements BackoffStrategy {
  private base = 0;

  constructor(private readonly scale: number) {}

  computeNextBackoffDelay(attempt: number): number {
    return Math.floor(this.scale * Math.random() * Math.min(this.base * 2 ** attempt, MAXIMUM_RETRY_DELAY));
  }

  setDelayBase(delay: number): void {
    this.base = delay;
  }
}

/**
 * Standard retries whose waits run at a cloud's time scale. A cloud that
 * plays AWS's minutes in seconds must play the SDK's back-off the same way:
 * at AWS's pace a throttled call waits up to 1, 2, 4… s, and unscaled those
 * waits would count as twenty times longer at a time scale of 0.05.
 */
export const scaledStandardRetries = (maxAttempts: number, scale: number): StandardRetryStrategy =>
  new StandardRetryStrategy({ maxAttempts, backoff: new ScaledBackoff(scale) });
