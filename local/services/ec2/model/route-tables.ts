import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { type Ec2Context, recordBase } from './ec2-context';
import type { RouteTableRecord, VpcRecord } from './ec2-records';

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
