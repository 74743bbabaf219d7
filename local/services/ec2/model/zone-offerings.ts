/**
 * Which zones offer what. Every zone of the model offers every instance type
 * EC2's naming scheme allows and every AWS service's endpoint, except where
 * the cloud's zone gaps say otherwise: AWS publishes no list of which zones
 * lack what, so there is no data to take the gaps from.
 */

import type { ZoneGaps } from '../../../cloud/zone-gaps';
import { ServiceError } from '../../../protocol/service-error';
import { type AvailabilityZone, availabilityZones } from './availability-zones';
import { isInstanceTypeName } from './instance-types';

export const offersInstanceType = (gaps: ZoneGaps, zoneName: string, instanceType: string): boolean =>
  isInstanceTypeName(instanceType) && !(gaps[zoneName]?.instanceTypes ?? []).includes(instanceType);

/** The zones of a region where an AWS service's endpoint can be placed: the `AvailabilityZones` DescribeVpcEndpointServices lists for it. */
export const zonesOfferingService = (gaps: ZoneGaps, region: string, serviceName: string): AvailabilityZone[] =>
  availabilityZones(region).filter((zone) => !(gaps[zone.zoneName]?.endpointServices ?? []).includes(serviceName));

/**
 * A launch into a zone that does not offer the type is refused with EC2's
 * `Unsupported` (EC2 API Reference, "Error codes for the Amazon EC2 API").
 * The message's wording is EC2's as callers report it; no reference page
 * gives it.
 */
export function requireInstanceTypeOffered(gaps: ZoneGaps, region: string, zoneName: string, instanceType: string): void {
  if (offersInstanceType(gaps, zoneName, instanceType)) return;
  const offering = availabilityZones(region).filter((candidate) => offersInstanceType(gaps, candidate.zoneName, instanceType));
  throw new ServiceError(
    'Unsupported',
    `Your requested instance type (${instanceType}) is not supported in your requested Availability Zone (${zoneName}). ` +
      `Please retry your request by not specifying an Availability Zone or choosing ${offering.map((candidate) => candidate.zoneName).join(', ')}.`,
  );
}
