import { ServiceError } from '../protocol/service-error';
import type { Clock } from './clock';
import { throttlingError } from './faults';
import type { BucketDraw, RateLimitTable } from '../../contract/rate-limit-table';

interface Level {
  tokens: number;
  at: number;
}

/**
 * API rate limiting the way AWS applies it: token buckets that refill at a
 * set rate per second of AWS time (the clock's time scale shrinks a second,
 * so throttling keeps its proportion to the latencies; at time scale 0 the
 * buckets never run dry). A request takes a token from every bucket it
 * draws from, or is refused with the service's throttling error and takes
 * none. Buckets start full and are not kept across restarts.
 */
export class RateLimits {
  private readonly levels = new Map<string, Level>();

  constructor(
    private readonly table: RateLimitTable,
    private readonly clock: Clock,
  ) {}

  /** Takes the request's tokens, or throws the service's throttling error when a bucket is short of them. */
  admit(service: string, action: string, input: Readonly<Record<string, unknown>>): void {
    const limits = this.table[service];
    if (!limits) return;
    const draws = limits.bucketsOf(action, input).map((draw) => ({ draw, level: this.refilled(draw) }));
    if (draws.some(({ draw, level }) => level.tokens < draw.tokens)) {
      const { code, status } = throttlingError(service);
      throw new ServiceError(code, limits.message, status);
    }
    for (const { draw, level } of draws) level.tokens -= draw.tokens;
  }

  private refilled({ bucket, size }: BucketDraw): Level {
    const now = this.clock.now();
    const level = this.levels.get(bucket) ?? { tokens: size.capacity, at: now };
    const awsSeconds = this.clock.timeScale === 0 ? Number.POSITIVE_INFINITY : (now - level.at) / 1000 / this.clock.timeScale;
    level.tokens = awsSeconds === 0 ? level.tokens : Math.min(size.capacity, level.tokens + awsSeconds * size.refillPerSecond);
    level.at = now;
    this.levels.set(bucket, level);
    return level;
  }
}
