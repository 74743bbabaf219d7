import type { DescribeVpcEndpointServicesRequest, DescribeVpcEndpointServicesResult, ServiceDetail } from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import type { Tags } from '../../../cloud/tags';
import type { ZoneGaps } from '../../../cloud/zone-gaps';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import { availabilityZones } from '../model/availability-zones';
import { type OfferedAwsService, offeredAwsServices } from '../model/aws-endpoint-services';
import type { Ec2Context } from '../model/ec2-context';
import type { EndpointServiceRecord } from '../model/ec2-records';
import { serviceNameNotFound, visibleEndpointServices } from '../model/endpoint-targets';
import { zonesOfferingService } from '../model/zone-offerings';
import { DESCRIBE_PAGE } from './modelled-members';
import { tagSet } from './tag-set';

/** One row of DescribeVpcEndpointServices, with the tags its filters read. */
interface ListedService {
  readonly detail: ServiceDetail;
  readonly tags: Tags;
}

/** The zone ids of zone names, as `AvailabilityZoneIds` lists them next to `AvailabilityZones`. */
export const zoneIdsOf = (region: string, zoneNames: readonly string[]): string[] =>
  availabilityZones(region)
    .filter((zone) => zoneNames.includes(zone.zoneName))
    .map((zone) => zone.zoneId);

const awsServiceDetail = (gaps: ZoneGaps, region: string, offering: OfferedAwsService): ServiceDetail => {
  const zones = zonesOfferingService(gaps, region, offering.serviceName).map((zone) => zone.zoneName);
  const { privateDnsName } = offering;
  return {
    ServiceName: offering.serviceName,
    ServiceId: offering.serviceId,
    ServiceType: [{ ServiceType: offering.type }],
    ServiceRegion: region,
    AvailabilityZones: zones,
    AvailabilityZoneIds: zoneIdsOf(region, zones),
    Owner: 'amazon',
    BaseEndpointDnsNames: [offering.baseEndpointDnsName],
    PrivateDnsName: privateDnsName,
    PrivateDnsNames: privateDnsName ? [{ PrivateDnsName: privateDnsName }] : undefined,
    PrivateDnsNameVerificationState: privateDnsName ? 'verified' : undefined,
    VpcEndpointPolicySupported: true,
    AcceptanceRequired: false,
    ManagesVpcEndpoints: false,
    SupportedIpAddressTypes: ['ipv4'],
    Tags: [],
  };
};

const endpointServiceDetail = (service: EndpointServiceRecord): ServiceDetail => ({
  ServiceName: service.serviceName,
  ServiceId: service.id,
  ServiceType: [{ ServiceType: 'Interface' }],
  ServiceRegion: service.region,
  AvailabilityZones: service.availabilityZones,
  AvailabilityZoneIds: zoneIdsOf(service.region, service.availabilityZones),
  Owner: service.ownerId,
  BaseEndpointDnsNames: service.baseEndpointDnsNames,
  VpcEndpointPolicySupported: false,
  AcceptanceRequired: service.acceptanceRequired,
  ManagesVpcEndpoints: false,
  SupportedIpAddressTypes: ['ipv4'],
  Tags: tagSet(service.tags) ?? [],
});

/** What the caller can connect to in its region: AWS's services, then this cloud's endpoint services that admit it, by name. */
function listedServices(context: Ec2Context, request: RequestContext): ListedService[] {
  return [
    ...offeredAwsServices(request.region).map((offering) => ({ detail: awsServiceDetail(context.runtime.zoneGaps, request.region, offering), tags: {} })),
    ...visibleEndpointServices(context, request.region, request.accountId).map((service) => ({ detail: endpointServiceDetail(service), tags: service.tags })),
  ].sort((a, b) => (a.detail.ServiceName ?? '').localeCompare(b.detail.ServiceName ?? ''));
}

export function vpcEndpointServiceApi(context: Ec2Context): Record<string, Operation> {
  return {
    DescribeVpcEndpointServices: operation(
      { ServiceNames: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcEndpointServicesRequest, request: RequestContext): DescribeVpcEndpointServicesResult => {
        const all = listedServices(context, request);
        const names = input.ServiceNames ?? [];
        const unknown = names.find((name) => !all.some((service) => service.detail.ServiceName === name));
        if (unknown !== undefined) throw serviceNameNotFound(unknown);
        const named = names.length > 0 ? all.filter((service) => names.includes(service.detail.ServiceName ?? '')) : all;
        const filtered = applyFilters(named, input.Filters, {
          'service-name': (service) => service.detail.ServiceName,
          'service-type': (service) => service.detail.ServiceType?.map((type) => type.ServiceType),
          'service-region': (service) => service.detail.ServiceRegion,
          owner: (service) => service.detail.Owner,
          'supported-ip-address-types': (service) => service.detail.SupportedIpAddressTypes,
        });
        const page = paginate(filtered, input.MaxResults, input.NextToken, 'DescribeVpcEndpointServices');
        return {
          ServiceNames: [...new Set(page.items.map((service) => service.detail.ServiceName ?? ''))],
          ServiceDetails: page.items.map((service) => service.detail),
          NextToken: page.nextToken,
        };
      },
    ),
  };
}
