import { stableHex } from './stable-ids';

/** An AWS-managed prefix list: the address ranges of one AWS service in one region. */
export interface AwsPrefixList {
  readonly id: string;
  readonly name: string;
  readonly cidrs: readonly string[];
}

/** The services that have gateway endpoints, with the published supernets their ranges are drawn from. */
const GATEWAY_SERVICES = [
  { service: 's3', cidrs: (slot: number) => [`52.219.${slot * 4}.0/22`, `3.5.${slot * 4}.0/22`] },
  { service: 'dynamodb', cidrs: (slot: number) => [`52.94.${slot * 4}.0/22`] },
] as const;

/**
 * The prefix lists of a region (`com.amazonaws.<region>.s3` and `.dynamodb`).
 * AWS gives each region its own ids and ranges; here both are derived from the
 * region's name, so the same region always has the same `pl-…` ids (gateway
 * endpoints, route tables and security-group rules must agree on them) and
 * ranges inside the services' real supernets (S3 in 52.219.0.0/16 and
 * 3.5.0.0/16, DynamoDB in 52.94.0.0/16).
 */
export function awsPrefixLists(region: string): AwsPrefixList[] {
  const slot = Number.parseInt(stableHex(region, 2), 16) % 64;
  return GATEWAY_SERVICES.map(({ service, cidrs }) => {
    const name = `com.amazonaws.${region}.${service}`;
    return { id: `pl-${stableHex(name, 8)}`, name, cidrs: cidrs(slot) };
  });
}

/** The prefix list of a gateway service name (`com.amazonaws.<region>.s3`), if it has one. */
export const awsPrefixListNamed = (region: string, name: string): AwsPrefixList | undefined =>
  awsPrefixLists(region).find((list) => list.name === name);
