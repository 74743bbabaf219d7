/**
 * How AWS's published API rate limits are written down: token buckets, and
 * which of them each request of a service draws from. The local cloud
 * enforces them; the batch bound reads them.
 */

/** A token bucket as AWS publishes one: the requests it holds at most, and the tokens that come back each second. */
export interface BucketSize {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** One bucket a request takes tokens from: one token per request, or one per instance for EC2's resource buckets. */
export interface BucketDraw {
  readonly bucket: string;
  readonly size: BucketSize;
  readonly tokens: number;
}

/** The buckets one request of a service draws from; empty where AWS publishes no limit. */
export type BucketsOf = (action: string, input: Readonly<Record<string, unknown>>) => readonly BucketDraw[];

/** A service's rate limits: its buckets, and the message its throttling error carries. */
export interface ServiceRateLimits {
  readonly bucketsOf: BucketsOf;
  readonly message: string;
}

/** Rate limits by signing name (`ec2`, `elasticloadbalancing`, `ssm`); services not named are not limited. */
export type RateLimitTable = Readonly<Record<string, ServiceRateLimits>>;
