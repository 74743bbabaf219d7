/**
 * What EC2 checks when an endpoint is created or changed, shared by both
 * paths so a change can never reach a state a create would refuse.
 */

import { ServiceError } from '../../../protocol/service-error';
import { invalidParameter } from './ec2-errors';
import { awsPrefixListNamed } from './aws-prefix-lists';
import type { Ec2Context } from './ec2-context';
import type { RouteTableRecord, SecurityGroupRecord, SubnetRecord, VpcEndpointRecord, VpcEndpointState, VpcRecord } from './ec2-records';
import { privateDnsNameOf } from './endpoint-dns';


/** States in which an endpoint no longer holds routes, names or zones. */
const GONE_STATES: readonly VpcEndpointState[] = ['deleted', 'rejected', 'failed'];

const liveEndpointsOf = (context: Ec2Context, vpcId: string, serviceName: string) =>
  context.tables.vpcEndpoints.all().filter((endpoint) => endpoint.vpcId === vpcId && endpoint.serviceName === serviceName && !GONE_STATES.includes(endpoint.state));

/** The route tables a gateway endpoint routes through: of its VPC, and not already routed to the same service by another endpoint. */
export function checkRouteTables(context: Ec2Context, endpoint: Pick<VpcEndpointRecord, 'id' | 'vpcId' | 'serviceName' | 'region'>, tables: readonly RouteTableRecord[]): void {
  const others = liveEndpointsOf(context, endpoint.vpcId, endpoint.serviceName).filter((other) => other.id !== endpoint.id);
  for (const table of tables) {
    if (table.vpcId !== endpoint.vpcId) throw invalidParameter(`The route table ${table.id} does not belong to the VPC ${endpoint.vpcId}.`);
    if (others.some((other) => other.routeTableIds.includes(table.id))) {
      const prefixListId = awsPrefixListNamed(endpoint.region, endpoint.serviceName)?.id ?? endpoint.serviceName;
      throw new ServiceError('RouteAlreadyExists', `route table ${table.id} already has a route with destination-prefix-list-id ${prefixListId}`);
    }
  }
}

/**
 * The subnets of an interface endpoint: of its VPC, at most one per zone,
 * and only in zones the service is offered in.
 */
export function checkSubnets(vpcId: string, subnets: readonly SubnetRecord[], serviceZones: { serviceId: string; zones: readonly string[] }): void {
  const zonesTaken = new Set<string>();
  for (const subnet of subnets) {
    if (subnet.vpcId !== vpcId) throw invalidParameter(`The subnet ID '${subnet.id}' does not belong to the VPC '${vpcId}'.`);
    if (zonesTaken.has(subnet.availabilityZone)) {
      throw invalidParameter(
        `Found another VPC endpoint subnet in the availability zone of ${subnet.id}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.`,
      );
    }
    zonesTaken.add(subnet.availabilityZone);
    if (!serviceZones.zones.includes(subnet.availabilityZone)) {
      throw invalidParameter(`The VPC endpoint service ${serviceZones.serviceId} does not support the availability zone of the subnet: ${subnet.id}.`);
    }
  }
}

export function checkSecurityGroups(vpcId: string, groups: readonly SecurityGroupRecord[]): void {
  const foreign = groups.find((group) => group.vpcId !== vpcId);
  if (foreign) throw invalidParameter(`The security group '${foreign.id}' does not belong to the VPC '${vpcId}'.`);
}

/**
 * Private DNS makes the endpoint own the service's public name inside the
 * VPC. It needs a service that has such a name, a VPC that resolves and
 * names hosts, and no other endpoint of the VPC owning that name already.
 */
export function checkPrivateDns(context: Ec2Context, vpc: VpcRecord, endpoint: Pick<VpcEndpointRecord, 'id' | 'serviceName'>): void {
  const name = privateDnsNameOf(vpc.region, endpoint.serviceName);
  if (!name) throw invalidParameter(`Private DNS can't be enabled because the service ${endpoint.serviceName} does not provide a private DNS name.`);
  if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) {
    throw invalidParameter(`Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.id}`);
  }
  const owner = liveEndpointsOf(context, vpc.id, endpoint.serviceName).find((other) => other.id !== endpoint.id && other.privateDnsEnabled);
  if (owner) throw invalidParameter(`private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${name} in the VPC ${vpc.id}`);
}
