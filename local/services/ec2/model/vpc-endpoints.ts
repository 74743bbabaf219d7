import { newId } from '../../../cloud/ids';
import { awsSeconds, type LatencyStep } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import type { ServiceError } from '../../../protocol/service-error';
import { forgetNotificationsOn, publishConnectionEvent } from './connection-notifications';
import { type Ec2Context, recordBase } from './ec2-context';
import type { RouteTableRecord, SecurityGroupRecord, SubnetRecord, VpcEndpointRecord, VpcRecord } from './ec2-records';
import { interfaceDnsEntries } from './endpoint-dns';
import type { EndpointTarget } from './endpoint-targets';
import { createNetworkInterface, releaseLater } from './network-interfaces';
import { checkPrivateDns, checkRouteTables, checkSecurityGroups, checkSubnets } from './vpc-endpoint-rules';
import { zonesOfferingService } from './zone-offerings';
import { notFound } from './ec2-errors';

export const VPC_ENDPOINT_AVAILABLE = 'ec2.vpc-endpoint-available';
export const VPC_ENDPOINT_DELETED = 'ec2.vpc-endpoint-deleted';

export const vpcEndpointNotFound = (id: string): ServiceError => notFound('InvalidVpcEndpointId.NotFound', 'Vpc Endpoint', id);

/** The policy AWS gives an endpoint to an AWS service when the caller sets none (and after ResetPolicy). */
export const FULL_ACCESS_POLICY = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });

export function registerVpcEndpointEvents(context: Ec2Context): void {
  const { scheduler } = context.runtime;
  scheduler.on(VPC_ENDPOINT_AVAILABLE, ({ id }) => {
    // Only a still-pending endpoint comes up: one rejected or deleted meanwhile stays as it is.
    context.tables.vpcEndpoints.update(id ?? '', (endpoint) => {
      if (endpoint.state === 'pending') endpoint.state = 'available';
    });
  });
  scheduler.on(VPC_ENDPOINT_DELETED, ({ id }) => {
    const endpoint = context.tables.vpcEndpoints.get(id ?? '');
    if (endpoint?.state !== 'deleting') return;
    context.tables.vpcEndpoints.update(endpoint.id, (record) => (record.state = 'deleted'));
    publishConnectionEvent(context, endpoint, 'Delete');
    forgetNotificationsOn(context, endpoint.id);
    context.tables.vpcEndpoints.delete(endpoint.id);
  });
}

/** Moves an endpoint to `pending` and on to `available` after `step`. */
export function bringUp(context: Ec2Context, endpoint: VpcEndpointRecord, step: LatencyStep): void {
  context.tables.vpcEndpoints.update(endpoint.id, (record) => (record.state = 'pending'));
  context.runtime.scheduler.after(awsSeconds(step), VPC_ENDPOINT_AVAILABLE, { id: endpoint.id });
}

interface NewEndpoint {
  readonly vpc: VpcRecord;
  readonly target: EndpointTarget;
  readonly tags: Tags;
  readonly policyDocument?: string;
  readonly clientToken?: string;
}

function endpointRecord(context: Ec2Context, options: NewEndpoint, type: VpcEndpointRecord['vpcEndpointType']): VpcEndpointRecord {
  const { vpc, target } = options;
  const isAws = target.kind === 'aws';
  return {
    ...recordBase(context, newId('vpce'), vpc.region, options.tags),
    vpcId: vpc.id,
    serviceName: isAws ? target.offering.serviceName : target.service.serviceName,
    vpcEndpointType: type,
    state: 'pending',
    routeTableIds: [],
    subnetIds: [],
    groupIds: [],
    privateDnsEnabled: false,
    networkInterfaceIds: [],
    dnsEntries: [],
    // Endpoint services of this cloud take no endpoint policy, as with NLB-backed services in AWS.
    policyDocument: options.policyDocument ?? (isAws ? FULL_ACCESS_POLICY : undefined),
    endpointServiceId: isAws ? undefined : target.service.id,
    clientToken: options.clientToken,
  };
}

/** A gateway endpoint: the route tables named get a route to the service's prefix list while it exists. */
export function createGatewayEndpoint(context: Ec2Context, options: NewEndpoint, routeTables: readonly RouteTableRecord[]): VpcEndpointRecord {
  const endpoint = endpointRecord(context, options, 'Gateway');
  checkRouteTables(context, endpoint, routeTables);
  endpoint.routeTableIds = routeTables.map((table) => table.id);
  context.tables.vpcEndpoints.put(endpoint);
  bringUp(context, endpoint, 'gatewayEndpointAvailable');
  return endpoint;
}

/** Gives an interface endpoint a network interface in `subnet`, with the endpoint's security groups. */
export function attachSubnet(context: Ec2Context, endpoint: VpcEndpointRecord, subnet: SubnetRecord): void {
  const eni = createNetworkInterface(context, subnet, {
    owner: { kind: 'vpc-endpoint', id: endpoint.id },
    interfaceType: 'vpc_endpoint',
    description: `VPC Endpoint Interface ${endpoint.id}`,
    groupIds: endpoint.groupIds,
  });
  endpoint.subnetIds.push(subnet.id);
  endpoint.networkInterfaceIds.push(eni.id);
}

/** The zones an endpoint service (or an AWS service) is offered in, which bound where its endpoints may have subnets. */
export function serviceZonesOf(context: Ec2Context, endpoint: Pick<VpcEndpointRecord, 'endpointServiceId' | 'serviceName' | 'region'>): { serviceId: string; zones: string[] } {
  const service = endpoint.endpointServiceId === undefined ? undefined : context.tables.endpointServices.get(endpoint.endpointServiceId);
  if (service) return { serviceId: service.id, zones: service.availabilityZones };
  return { serviceId: endpoint.serviceName, zones: zonesOfferingService(context.runtime.zoneGaps, endpoint.region, endpoint.serviceName).map((zone) => zone.zoneName) };
}

/**
 * An interface endpoint: one network interface per subnet, DNS names, and
 * the service's public name in the VPC when private DNS is on (the default
 * for AWS services). To an endpoint service it connects as a request the
 * provider must accept when the service requires acceptance.
 */
export function createInterfaceEndpoint(
  context: Ec2Context,
  options: NewEndpoint & { subnets: readonly SubnetRecord[]; groups: readonly SecurityGroupRecord[]; privateDnsEnabled?: boolean },
): VpcEndpointRecord {
  const { vpc, target } = options;
  const endpoint = endpointRecord(context, options, 'Interface');
  endpoint.privateDnsEnabled = options.privateDnsEnabled ?? target.kind === 'aws';
  checkSubnets(vpc.id, options.subnets, serviceZonesOf(context, endpoint));
  checkSecurityGroups(vpc.id, options.groups);
  if (endpoint.privateDnsEnabled) checkPrivateDns(context, vpc, endpoint);
  endpoint.groupIds = options.groups.length > 0 ? options.groups.map((group) => group.id) : [vpc.defaultSecurityGroupId];
  for (const subnet of options.subnets) attachSubnet(context, endpoint, subnet);
  endpoint.dnsEntries = interfaceDnsEntries(context, endpoint);
  if (target.kind === 'service' && target.service.acceptanceRequired) endpoint.state = 'pendingAcceptance';
  context.tables.vpcEndpoints.put(endpoint);
  if (endpoint.state === 'pending') bringUp(context, endpoint, 'interfaceEndpointAvailable');
  if (target.kind === 'service') publishConnectionEvent(context, endpoint, 'Connect');
  return endpoint;
}

/**
 * DeleteVpcEndpoints for one endpoint: `deleting` at once, gone after a
 * while; its interfaces linger before EC2 releases them. Deleting an
 * endpoint that is already deleting changes nothing.
 */
export function deleteVpcEndpoint(context: Ec2Context, endpoint: VpcEndpointRecord): void {
  if (endpoint.state === 'deleting') return;
  context.tables.vpcEndpoints.update(endpoint.id, (record) => (record.state = 'deleting'));
  releaseLater(context, endpoint.networkInterfaceIds);
  context.runtime.scheduler.after(awsSeconds('endpointDeleted'), VPC_ENDPOINT_DELETED, { id: endpoint.id });
}
