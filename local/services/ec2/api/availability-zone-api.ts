import type { AvailabilityZone as WireAvailabilityZone, DescribeAvailabilityZonesRequest, DescribeAvailabilityZonesResult } from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import type { Tags } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { invalidParameterValue } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type AvailabilityZone, availabilityZones } from '../model/availability-zones';
import { FILTERS } from './modelled-members';

const toAvailabilityZone = (zone: AvailabilityZone): WireAvailabilityZone => ({
  ZoneName: zone.zoneName,
  ZoneId: zone.zoneId,
  ZoneType: 'availability-zone',
  State: 'available',
  RegionName: zone.regionName,
  GroupName: `${zone.regionName}-zg-1`,
  NetworkBorderGroup: zone.regionName,
  OptInStatus: 'opt-in-not-required',
  Messages: [],
});

/** Zones named by name or id must all exist in the caller's region. */
function requireNamed(zones: readonly AvailabilityZone[], names: readonly string[], read: (zone: AvailabilityZone) => string): void {
  const unknown = names.find((name) => !zones.some((zone) => read(zone) === name));
  if (unknown !== undefined) throw invalidParameterValue(`The zone '${unknown}' does not exist`);
}

export function availabilityZoneOperations(): Record<string, Operation> {
  return {
    DescribeAvailabilityZones: operation(
      {
        ZoneNames: true,
        ZoneIds: true,
        Filters: FILTERS,
        DryRun: true,
        // The region's Availability Zones only: Local and Wavelength Zones, which `true` would add, are not modelled.
        AllAvailabilityZones: [false],
      },
      (input: DescribeAvailabilityZonesRequest, request: RequestContext): DescribeAvailabilityZonesResult => {
        const zones = availabilityZones(request.region);
        const names = input.ZoneNames ?? [];
        const ids = input.ZoneIds ?? [];
        requireNamed(zones, names, (zone) => zone.zoneName);
        requireNamed(zones, ids, (zone) => zone.zoneId);
        const named = names.length + ids.length === 0 ? zones : zones.filter((zone) => names.includes(zone.zoneName) || ids.includes(zone.zoneId));
        // Nothing AWS-managed here carries tags, so `tag:` filters match nothing.
        const filtered = applyFilters<AvailabilityZone & { tags?: Tags }>(named, input.Filters, {
          'zone-name': (zone) => zone.zoneName,
          'zone-id': (zone) => zone.zoneId,
          'region-name': (zone) => zone.regionName,
          'zone-type': (zone) => toAvailabilityZone(zone).ZoneType,
          'state': (zone) => toAvailabilityZone(zone).State,
          'group-name': (zone) => toAvailabilityZone(zone).GroupName,
          'opt-in-status': (zone) => toAvailabilityZone(zone).OptInStatus,
          'network-border-group': (zone) => toAvailabilityZone(zone).NetworkBorderGroup,
        });
        return { AvailabilityZones: filtered.map(toAvailabilityZone) };
      },
    ),
  };
}
