import { ServiceError } from '../../../protocol/service-error';
import type { Ec2Context } from './ec2-context';
import type { RouteTableRecord, SecurityGroupRecord, SubnetRecord, VpcEndpointRecord, VpcRecord } from './ec2-records';
import { interfaceDnsEntries } from './endpoint-dns';
import { releaseLater } from './network-interfaces';
import { checkPrivateDns, checkRouteTables, checkSecurityGroups, checkSubnets } from './vpc-endpoint-rules';
import { attachSubnet, FULL_ACCESS_POLICY, serviceZonesOf } from './vpc-endpoints';
import { invalidParameter } from './ec2-errors';

/** ModifyVpcEndpoint's changes, with the ids to add already resolved to records. */
export interface EndpointChanges {
  readonly addRouteTables: readonly RouteTableRecord[];
  readonly removeRouteTableIds: readonly string[];
  readonly addSubnets: readonly SubnetRecord[];
  readonly removeSubnetIds: readonly string[];
  readonly addGroups: readonly SecurityGroupRecord[];
  readonly removeGroupIds: readonly string[];
  readonly privateDnsEnabled?: boolean;
  readonly policyDocument?: string;
  readonly resetPolicy?: boolean;
}

/** Refuses changes that only make sense for the other endpoint type. */
function checkApplies(endpoint: VpcEndpointRecord, changes: EndpointChanges): void {
  const touchesRoutes = changes.addRouteTables.length > 0 || changes.removeRouteTableIds.length > 0;
  const touchesInterfaces =
    changes.addSubnets.length + changes.removeSubnetIds.length + changes.addGroups.length + changes.removeGroupIds.length > 0 || changes.privateDnsEnabled !== undefined;
  if (endpoint.vpcEndpointType === 'Interface' && touchesRoutes) throw invalidParameter(`Route tables can only be modified for gateway endpoints; ${endpoint.id} is an interface endpoint.`);
  if (endpoint.vpcEndpointType === 'Gateway' && touchesInterfaces) {
    throw invalidParameter(`Subnets, security groups and private DNS can only be modified for interface endpoints; ${endpoint.id} is a gateway endpoint.`);
  }
  if (endpoint.state === 'deleting') throw new ServiceError('IncorrectState', `The VPC endpoint ${endpoint.id} is being deleted.`);
}

function changeRouteTables(context: Ec2Context, endpoint: VpcEndpointRecord, changes: EndpointChanges): void {
  const added = changes.addRouteTables.filter((table) => !endpoint.routeTableIds.includes(table.id));
  checkRouteTables(context, endpoint, added);
  endpoint.routeTableIds = [...endpoint.routeTableIds, ...added.map((table) => table.id)].filter((id) => !changes.removeRouteTableIds.includes(id));
}

/** Subnets leave with their interface (which lingers, as on deletion) and arrive with a new one. */
function changeSubnets(context: Ec2Context, endpoint: VpcEndpointRecord, changes: EndpointChanges): void {
  const leaving = context.tables.networkInterfaces.all().filter((eni) => endpoint.networkInterfaceIds.includes(eni.id) && changes.removeSubnetIds.includes(eni.subnetId));
  const staying = endpoint.subnetIds.filter((id) => !changes.removeSubnetIds.includes(id)).map((id) => context.tables.subnets.get(id)).filter((subnet) => subnet !== undefined);
  const arriving = changes.addSubnets.filter((subnet) => !staying.some((kept) => kept.id === subnet.id));
  checkSubnets(endpoint.vpcId, [...staying, ...arriving], serviceZonesOf(context, endpoint));
  releaseLater(context, leaving.map((eni) => eni.id));
  endpoint.subnetIds = staying.map((subnet) => subnet.id);
  endpoint.networkInterfaceIds = endpoint.networkInterfaceIds.filter((id) => !leaving.some((eni) => eni.id === id));
  for (const subnet of arriving) attachSubnet(context, endpoint, subnet);
}

/** The endpoint's security groups, which its network interfaces carry too. */
function changeGroups(context: Ec2Context, endpoint: VpcEndpointRecord, changes: EndpointChanges): void {
  checkSecurityGroups(endpoint.vpcId, changes.addGroups);
  const groupIds = [...new Set([...endpoint.groupIds, ...changes.addGroups.map((group) => group.id)])].filter((id) => !changes.removeGroupIds.includes(id));
  if (groupIds.length === 0) throw invalidParameter(`The VPC endpoint ${endpoint.id} must keep at least one security group.`);
  endpoint.groupIds = groupIds;
  for (const id of endpoint.networkInterfaceIds) context.tables.networkInterfaces.update(id, (eni) => (eni.groupIds = [...groupIds]));
}

/** ModifyVpcEndpoint: every change is checked against the same rules as a create, and applied together. */
export function modifyVpcEndpoint(context: Ec2Context, endpoint: VpcEndpointRecord, vpc: VpcRecord, changes: EndpointChanges): void {
  checkApplies(endpoint, changes);
  context.tables.vpcEndpoints.update(endpoint.id, (record) => {
    if (record.vpcEndpointType === 'Gateway') {
      changeRouteTables(context, record, changes);
    } else {
      changeSubnets(context, record, changes);
      changeGroups(context, record, changes);
      if (changes.privateDnsEnabled === true && !record.privateDnsEnabled) checkPrivateDns(context, vpc, record);
      record.privateDnsEnabled = changes.privateDnsEnabled ?? record.privateDnsEnabled;
      record.dnsEntries = interfaceDnsEntries(context, record);
    }
    if (changes.resetPolicy) record.policyDocument = record.endpointServiceId === undefined ? FULL_ACCESS_POLICY : undefined;
    else if (changes.policyDocument !== undefined) record.policyDocument = changes.policyDocument;
  });
}
