import type { DescribeInstanceTypeOfferingsRequest, DescribeInstanceTypeOfferingsResult, InstanceTypeOffering, LocationType } from '@aws-sdk/client-ec2';
import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import { applyFilters } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import type { Tags } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type AvailabilityZone, availabilityZones } from '../model/availability-zones';
import { offersInstanceType } from '../model/zone-offerings';
import { DESCRIBE_PAGE } from './modelled-members';

/** The location types the model has: the region and its zones (Outposts are not modelled). */
type ModelledLocationType = Extract<LocationType, 'region' | 'availability-zone' | 'availability-zone-id'>;

/** One row of the answer; nothing AWS-managed here carries tags, so `tag:` filters match nothing. */
type Offering = InstanceTypeOffering & { readonly Location: string; readonly tags?: Tags };

/** How each location type names a zone's place: its Region, its name, its id. */
const LOCATION_OF: Readonly<Record<ModelledLocationType, (zone: AvailabilityZone) => string>> = {
  region: (zone) => zone.regionName,
  'availability-zone': (zone) => zone.zoneName,
  'availability-zone-id': (zone) => zone.zoneId,
};

/**
 * The instance types asked about. The model knows EC2's naming scheme, not
 * its catalogue of types, so it can answer for types named exactly in an
 * `instance-type` filter and for no others: listing "every type offered"
 * would list a made-up catalogue, so that is refused.
 */
function namedInstanceTypes(input: DescribeInstanceTypeOfferingsRequest): string[] {
  const values = (input.Filters ?? []).filter((filter) => filter.Name === 'instance-type').flatMap((filter) => filter.Values ?? []);
  if (values.length === 0 || values.some((value) => /[*?]/.test(value))) {
    throw new ServiceError(
      'UnsupportedOperation',
      'The local cloud knows which zones offer an instance type, not the list of every type: DescribeInstanceTypeOfferings needs an instance-type filter naming each type exactly, without wildcards.',
    );
  }
  return [...new Set(values)].sort();
}

/**
 * DescribeInstanceTypeOfferings: "Lists the instance types that are offered
 * for the specified location. If no location is specified, the default is to
 * list the instance types that are offered in the current Region." Filters
 * `instance-type` and `location`, pages by MaxResults and NextToken (EC2 API
 * Reference, DescribeInstanceTypeOfferings). A type is offered in the Region
 * when one of its zones offers it.
 */
export function instanceTypeOfferingOperations(runtime: CloudRuntime): Record<string, Operation> {
  return {
    DescribeInstanceTypeOfferings: operation(
      { LocationType: ['region', 'availability-zone', 'availability-zone-id'], ...DESCRIBE_PAGE },
      (input: DescribeInstanceTypeOfferingsRequest, request: RequestContext): DescribeInstanceTypeOfferingsResult => {
        const locationType = (input.LocationType ?? 'region') as ModelledLocationType;
        const zones = availabilityZones(request.region);
        const offerings = namedInstanceTypes(input).flatMap((instanceType): Offering[] => {
          const locations = zones.filter((zone) => offersInstanceType(runtime.zoneGaps, zone.zoneName, instanceType)).map(LOCATION_OF[locationType]);
          return [...new Set(locations)].map((location) => ({ InstanceType: instanceType as InstanceTypeOffering['InstanceType'], LocationType: locationType, Location: location }));
        });
        const filtered = applyFilters(offerings, input.Filters, {
          'instance-type': (offering) => offering.InstanceType,
          location: (offering) => offering.Location,
        });
        const sorted = filtered.sort((a, b) => a.Location.localeCompare(b.Location) || (a.InstanceType ?? '').localeCompare(b.InstanceType ?? ''));
        const page = paginate(sorted, input.MaxResults, input.NextToken, 'DescribeInstanceTypeOfferings');
        return { InstanceTypeOfferings: page.items, NextToken: page.nextToken };
      },
    ),
  };
}
