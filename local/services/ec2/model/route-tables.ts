import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { RouteTableAssociationRecord, RouteTableRecord, SubnetRecord, VpcRecord } from './ec2-records';
import { dependencyViolation, notFound } from './ec2-errors';

/** A route table of `vpc` holding its `local` route; the main one is associated with the VPC itself. */
export function createRouteTable(context: Ec2Context, vpc: VpcRecord, main: boolean, tags: Tags = {}): RouteTableRecord {
  const record: RouteTableRecord = {
    ...recordBase(context, newId('rtb'), vpc.region, tags),
    vpcId: vpc.id,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' }],
    associations: main ? [{ id: newId('rtbassoc'), main: true }] : [],
  };
  return context.tables.routeTables.put(record);
}

/** The route table that governs a subnet: its explicit association, else the VPC's main table. */
export function routeTableOfSubnet(context: Ec2Context, vpcId: string, subnetId: string): RouteTableRecord | undefined {
  const tables = context.tables.routeTables.all().filter((table) => table.vpcId === vpcId);
  return (
    tables.find((table) => table.associations.some((association) => association.subnetId === subnetId)) ??
    tables.find((table) => table.associations.some((association) => association.main))
  );
}

/**
 * Deletes a route table no subnet uses. The main table is associated with
 * its VPC, so it cannot go before the VPC does. Gateway endpoints that route
 * through it simply stop doing so, as in EC2.
 */
export function deleteRouteTable(context: Ec2Context, table: RouteTableRecord): void {
  if (table.associations.length > 0) throw dependencyViolation(`The routeTable '${table.id}' has dependencies and cannot be deleted.`);
  for (const endpoint of context.tables.vpcEndpoints.all()) {
    if (!endpoint.routeTableIds.includes(table.id)) continue;
    context.tables.vpcEndpoints.update(endpoint.id, (record) => {
      record.routeTableIds = record.routeTableIds.filter((id) => id !== table.id);
    });
  }
  context.tables.routeTables.delete(table.id);
}

/** Gives a subnet of the table's VPC this table instead of the main one; a subnet takes one explicit association. */
export function associateRouteTable(context: Ec2Context, table: RouteTableRecord, subnet: SubnetRecord): RouteTableAssociationRecord {
  if (subnet.vpcId !== table.vpcId) throw invalidParameterValue(`Route table ${table.id} and subnet ${subnet.id} belong to different networks`);
  const taken = context.tables.routeTables.all().some((other) => other.associations.some((association) => association.subnetId === subnet.id));
  if (taken) {
    throw new ServiceError('Resource.AlreadyAssociated', `the specified association for route table ${table.id} conflicts with an existing association`);
  }
  const association: RouteTableAssociationRecord = { id: newId('rtbassoc'), subnetId: subnet.id, main: false };
  context.tables.routeTables.update(table.id, (record) => record.associations.push(association));
  return association;
}

/** Puts a subnet back on its VPC's main table. The main association itself cannot be removed. */
export function disassociateRouteTable(context: Ec2Context, associationId: string): void {
  const table = context.tables.routeTables.all().find((candidate) => candidate.associations.some((association) => association.id === associationId));
  if (!table) throw notFound('InvalidAssociationID.NotFound', 'association', associationId);
  if (table.associations.some((association) => association.id === associationId && association.main)) {
    throw invalidParameterValue(`cannot disassociate the main route table association ${associationId}`);
  }
  context.tables.routeTables.update(table.id, (record) => {
    record.associations = record.associations.filter((association) => association.id !== associationId);
  });
}
