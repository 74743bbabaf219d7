import { randomInt } from 'node:crypto';
import { intToIp, parseCidr } from '../../../cloud/cidr';
import type { Ec2Context } from './ec2-context';

/**
 * Amazon-announced space, so the addresses read as the real public addresses
 * they stand for (documentation ranges such as 203.0.113.0/24 would not).
 */
const PUBLIC_POOL = parseCidr('3.32.0.0/11');

/** A public IPv4 address no interface of this cloud holds yet. */
export function allocatePublicIp(context: Ec2Context): string {
  const taken = new Set(context.tables.networkInterfaces.all().map((eni) => eni.publicIp));
  let candidate: string;
  do {
    // Skips .0 and .255 of each /24: valid addresses, but they look like network and broadcast ones.
    const offset = randomInt(PUBLIC_POOL.size / 256) * 256 + randomInt(1, 255);
    candidate = intToIp(PUBLIC_POOL.base + offset);
  } while (taken.has(candidate));
  return candidate;
}
