import { AWS_RATE_LIMITS } from '../contract/aws-rate-limits';
import type { BucketSize } from '../contract/rate-limit-table';

/** The least time AWS's token buckets allow for a set of calls, and the bucket that sets it. */
export interface ThrottleFloor {
  readonly seconds: number;
  readonly bucket: string;
  readonly calls: number;
  readonly size?: BucketSize;
}

/** The tokens a set of calls draws from one bucket. */
export interface BucketDemand {
  readonly size: BucketSize;
  readonly tokens: number;
}

/** A call counted as filtered, so a Describe draws from the larger bucket: the floor stays a lower bound. */
const AS_FILTERED = { Filters: [{}] };

/** The buckets a set of calls (`service:Action` → count) draws from, with the tokens each must give. */
export function bucketDemands(callsByAction: Readonly<Record<string, number>>): Map<string, BucketDemand> {
  const demands = new Map<string, BucketDemand>();
  for (const [key, calls] of Object.entries(callsByAction)) {
    const [service = '', action = ''] = key.split(':');
    for (const draw of AWS_RATE_LIMITS[service]?.bucketsOf(action, AS_FILTERED) ?? []) {
      const total = demands.get(draw.bucket) ?? { size: draw.size, tokens: 0 };
      demands.set(draw.bucket, { size: draw.size, tokens: total.tokens + calls * draw.tokens });
    }
  }
  return demands;
}

/** However the calls are spread, a bucket of capacity C refilling at r per second lets n calls through in no less than (n - C) / r seconds. */
export const bucketSeconds = ({ size, tokens }: BucketDemand): number => Math.max(0, (tokens - size.capacity) / size.refillPerSecond);

/** The largest such time over the buckets the calls draw from: no orchestration can make them all sooner. */
export function throttleFloor(callsByAction: Readonly<Record<string, number>>): ThrottleFloor {
  let floor: ThrottleFloor = { seconds: 0, bucket: '(none)', calls: 0 };
  for (const [bucket, demand] of bucketDemands(callsByAction)) {
    const seconds = bucketSeconds(demand);
    if (seconds > floor.seconds) floor = { seconds, bucket, calls: demand.tokens, size: demand.size };
  }
  return floor;
}
