/** One Availability Zone of a region, as EC2 names it. */
export interface AvailabilityZone {
  readonly zoneName: string;
  readonly zoneId: string;
  readonly regionName: string;
}

const ZONE_LETTERS = ['a', 'b', 'c', 'd'] as const;

/** The words of a region name as AWS abbreviates them in zone ids (`ap-northeast-2` → `apne2`). */
const WORD_CODES: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  gov: 'g',
};

/** The short region code zone ids start with: `us-east-1` → `use1`, `ap-northeast-2` → `apne2`. */
export function regionCode(region: string): string {
  const [area = '', ...rest] = region.split('-');
  return area + rest.map((word) => (/^\d+$/.test(word) ? word : (WORD_CODES[word] ?? word.charAt(0)))).join('');
}

/**
 * The zones of a region: four, `<region>a` to `<region>d`. AWS maps zone
 * names to zone ids per account; here `a` is always `az1`, so the mapping is
 * stable across restarts and machines.
 */
export const availabilityZones = (region: string): AvailabilityZone[] =>
  ZONE_LETTERS.map((letter, index) => ({ zoneName: `${region}${letter}`, zoneId: `${regionCode(region)}-az${index + 1}`, regionName: region }));

/** Where a subnet goes when the caller names no zone: the region's first. */
export const defaultAvailabilityZone = (region: string): AvailabilityZone => availabilityZones(region)[0] as AvailabilityZone;
