import { MAXIMUM_RETRY_DELAY, Retry, StandardRetryStrategy, type StandardRetryStrategyOptions } from '@smithy/core/retry';

type BackoffStrategy = NonNullable<StandardRetryStrategyOptions['backoff']>;

/**
 * The SDK's standard back-off (full jitter: a random wait up to the base
 * times 2^attempt, capped), the waits after throttling multiplied by
 * `scale`. The standard strategy sets the base per error just before it
 * asks for the wait: the throttling base marks a throttled call. Waits after
 * transient errors (a reset connection, a timeout) keep the machine's own
 * pace: they wait on this host's network, not on a bucket refilling at the
 * cloud's pace.
 */
export class ScaledBackoff implements BackoffStrategy {
  private base: number = Retry.delay();

  constructor(private readonly scale: number) {}

  computeNextBackoffDelay(attempt: number): number {
    const scale = this.base === Retry.throttlingDelay() ? this.scale : 1;
    return Math.floor(scale * Math.random() * Math.min(this.base * 2 ** attempt, MAXIMUM_RETRY_DELAY));
  }

  setDelayBase(delay: number): void {
    this.base = delay;
  }
}

/**
 * Standard retries whose waits after throttling run at a cloud's time scale.
 * A cloud that plays AWS's minutes in seconds refills its request buckets
 * at that pace, so the SDK's back-off must keep it too: at AWS's pace a
 * throttled call waits up to 1, 2, 4… s, and unscaled those waits would
 * count twenty times longer at a time scale of 0.05.
 */
export const scaledStandardRetries = (maxAttempts: number, scale: number): StandardRetryStrategy =>
  new StandardRetryStrategy({ maxAttempts, backoff: new ScaledBackoff(scale) });
