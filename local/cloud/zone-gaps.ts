/**
 * What some Availability Zones do not offer, by zone name
 * (`ap-northeast-2c`): instance types, and AWS services' endpoints by
 * service name (`com.amazonaws.ap-northeast-2.cloudformation`). AWS answers
 * such gaps through DescribeInstanceTypeOfferings and the AvailabilityZones
 * of DescribeVpcEndpointServices (EC2 API Reference, both pages); which real
 * zones lack what has no published list, so the local cloud has no gap unless
 * its caller names one.
 */
export type ZoneGaps = Readonly<Record<string, ZoneGap>>;

export interface ZoneGap {
  readonly instanceTypes?: readonly string[];
  readonly endpointServices?: readonly string[];
}
