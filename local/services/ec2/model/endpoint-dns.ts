import { awsOfferingsNamed } from './aws-endpoint-services';
import type { Ec2Context } from './ec2-context';
import type { DnsEntryRecord, VpcEndpointRecord } from './ec2-records';
import { stableHex } from './stable-ids';

/** AWS keeps one public hosted zone per region for `*.vpce.amazonaws.com` names; its id is derived here. */
const vpceHostedZoneId = (region: string): string => `Z${stableHex(`vpce.amazonaws.com/${region}`, 12).toUpperCase()}`;

/** The private hosted zone AWS makes inside a VPC for a service's public name. */
const privateHostedZoneId = (vpcId: string, name: string): string => `Z${stableHex(`${vpcId}/${name}`, 20).toUpperCase()}`;

/**
 * The public name an interface endpoint to this service owns inside its VPC
 * when private DNS is on (`cloudformation.<region>.amazonaws.com`); endpoint
 * services of this cloud have none.
 */
export const privateDnsNameOf = (region: string, serviceName: string): string | undefined =>
  awsOfferingsNamed(region, serviceName).find((offering) => offering.type === 'Interface')?.privateDnsName;

/**
 * An interface endpoint's DNS names, as AWS lists them: the regional name,
 * one zonal name per subnet's zone, then the service's public name when
 * private DNS is on. Names live under the service's vpce domain
 * (`cloudformation.<region>.vpce.amazonaws.com`, or
 * `vpce-svc-….<region>.vpce.amazonaws.com` for an endpoint service) and start
 * with the endpoint id and a random part that stays the same for the
 * endpoint's life (derived from its id).
 */
export function interfaceDnsEntries(context: Ec2Context, endpoint: VpcEndpointRecord): DnsEntryRecord[] {
  const { region } = endpoint;
  const domain = `${endpoint.serviceName.split('.').pop() ?? ''}.${region}.vpce.amazonaws.com`;
  const prefix = `${endpoint.id}-${stableHex(endpoint.id, 8)}`;
  const hostedZoneId = vpceHostedZoneId(region);
  const zones = endpoint.subnetIds.map((subnetId) => context.tables.subnets.get(subnetId)?.availabilityZone).filter((zone) => zone !== undefined);
  const privateName = endpoint.privateDnsEnabled ? privateDnsNameOf(region, endpoint.serviceName) : undefined;
  return [
    { dnsName: `${prefix}.${domain}`, hostedZoneId },
    ...zones.map((zone) => ({ dnsName: `${prefix}-${zone}.${domain}`, hostedZoneId })),
    ...(privateName ? [{ dnsName: privateName, hostedZoneId: privateHostedZoneId(endpoint.vpcId, privateName) }] : []),
  ];
}
