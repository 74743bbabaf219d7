import { parseCidr } from '../../../cloud/cidr';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { awsPrefixListNamed } from './aws-prefix-lists';
import { type Ec2Context } from './ec2-context';
import type { RouteRecord, RouteTableRecord, VpcEndpointState } from './ec2-records';
import { notFound } from './ec2-errors';

/** A route to an internet gateway works only while that gateway is attached to the table's VPC. */
function routeState(context: Ec2Context, table: RouteTableRecord, route: RouteRecord): RouteRecord['state'] {
  if (!route.gatewayId?.startsWith('igw-')) return route.state;
  return context.tables.internetGateways.get(route.gatewayId)?.attachedVpcId === table.vpcId ? 'active' : 'blackhole';
}

/** Endpoint states in which a gateway endpoint no longer routes (or never did). */
const ROUTELESS_STATES: readonly VpcEndpointState[] = ['deleted', 'rejected', 'failed'];

/**
 * The prefix-list routes gateway endpoints add to the tables they name. They
 * are read from the endpoints rather than stored in the table, so the two can
 * never disagree: the route is there exactly while the endpoint is.
 */
function gatewayEndpointRoutes(context: Ec2Context, table: RouteTableRecord): RouteRecord[] {
  return context.tables.vpcEndpoints
    .all()
    .filter((endpoint) => endpoint.vpcEndpointType === 'Gateway' && !ROUTELESS_STATES.includes(endpoint.state) && endpoint.routeTableIds.includes(table.id))
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((endpoint) => {
      const prefixList = awsPrefixListNamed(endpoint.region, endpoint.serviceName);
      return prefixList ? [{ destinationPrefixListId: prefixList.id, gatewayId: endpoint.id, state: 'active' as const, origin: 'CreateRoute' as const }] : [];
    });
}

/** Every route of a table as EC2 reports it, and as the network model forwards by it. */
export const routesOf = (context: Ec2Context, table: RouteTableRecord): RouteRecord[] => [
  ...table.routes.map((route) => ({ ...route, state: routeState(context, table, route) })),
  ...gatewayEndpointRoutes(context, table),
];

/** Adds a route to an internet gateway attached to the table's VPC. */
export function createRoute(context: Ec2Context, table: RouteTableRecord, destinationCidrBlock: string, gatewayId: string): void {
  parseCidr(destinationCidrBlock, 'destinationCidrBlock');
  if (table.routes.some((route) => route.destinationCidrBlock === destinationCidrBlock)) {
    throw new ServiceError('RouteAlreadyExists', `The route identified by ${destinationCidrBlock} already exists.`);
  }
  const gateway = context.tables.internetGateways.get(gatewayId);
  if (!gateway) throw notFound('InvalidGatewayID.NotFound', 'gateway', gatewayId);
  if (gateway.attachedVpcId !== table.vpcId) throw invalidParameterValue(`route table ${table.id} and network gateway ${gatewayId} belong to different networks`);
  context.tables.routeTables.update(table.id, (record) => record.routes.push({ destinationCidrBlock, gatewayId, state: 'active', origin: 'CreateRoute' }));
}

/** Removes a route the caller added; the `local` route stays for the table's life. */
export function deleteRoute(context: Ec2Context, table: RouteTableRecord, destinationCidrBlock: string): void {
  const route = table.routes.find((candidate) => candidate.destinationCidrBlock === destinationCidrBlock);
  if (!route) throw new ServiceError('InvalidRoute.NotFound', `no route with destination-cidr-block ${destinationCidrBlock} in route table ${table.id}`);
  if (route.gatewayId === 'local') throw invalidParameterValue(`cannot remove local route ${destinationCidrBlock} in route table ${table.id}`);
  context.tables.routeTables.update(table.id, (record) => {
    record.routes = record.routes.filter((candidate) => candidate.destinationCidrBlock !== destinationCidrBlock);
  });
}
