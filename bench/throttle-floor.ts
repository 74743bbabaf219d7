import { AWS_RATE_LIMITS } from '../local/cloud/aws-rate-limits';
import type { BucketSize } from '../local/cloud/rate-limits';

/** The least time AWS's token buckets allow for a set of calls, and the bucket that sets it. */
export interface ThrottleFloor {
  readonly seconds: number;
  readonly bucket: string;
  readonly calls: number;
  readonly size?: BucketSize;
}

/** A call counted as filtered, so a Describe draws from the larger bucket: the floor stays a lower bound. */
const AS_FILTERED = { Filters: [{}] };

/**
 * However the calls are spread, a bucket of capacity C refilling at r per
 * second lets n calls through in no less than (n - C) / r seconds. The floor
 * is the largest such time over the buckets the calls draw from: no
 * orchestration can finish the batch sooner.
 */
export function throttleFloor(callsByAction: Readonly<Record<string, number>>): ThrottleFloor {
  const needed = new Map<string, { size: BucketSize; tokens: number }>();
  for (const [key, calls] of Object.entries(callsByAction)) {
    const [service = '', action = ''] = key.split(':');
    for (const draw of AWS_RATE_LIMITS[service]?.bucketsOf(action, AS_FILTERED) ?? []) {
      const total = needed.get(draw.bucket) ?? { size: draw.size, tokens: 0 };
      needed.set(draw.bucket, { size: draw.size, tokens: total.tokens + calls * draw.tokens });
    }
  }
  let floor: ThrottleFloor = { seconds: 0, bucket: '(none)', calls: 0 };
  for (const [bucket, { size, tokens }] of needed) {
    const seconds = Math.max(0, (tokens - size.capacity) / size.refillPerSecond);
    if (seconds > floor.seconds) floor = { seconds, bucket, calls: tokens, size };
  }
  return floor;
}
