import type {
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRouteRequest,
  CreateRouteResult,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteRequest,
  DeleteRouteTableRequest,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  DisassociateRouteTableRequest,
  Route,
  RouteTable,
} from '@aws-sdk/client-ec2';
import { tagsFromSpecifications } from '../../../cloud/tags';
import { missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { RouteRecord, RouteTableRecord } from '../model/ec2-records';
import { associateRouteTable, createRouteTable, deleteRouteTable, disassociateRouteTable } from '../model/route-tables';
import { createRoute, deleteRoute, routesOf } from '../model/routes';
import { createOnce } from './create-once';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { subnetNotFound } from './subnet-api';
import { tagSet } from './tag-set';
import { vpcNotFound } from './vpc-api';
import { notFound } from '../model/ec2-errors';

export const routeTableNotFound = (id: string) => notFound('InvalidRouteTableID.NotFound', 'routeTable', id);

const toRoute = (route: RouteRecord): Route => ({
  DestinationCidrBlock: route.destinationCidrBlock,
  DestinationPrefixListId: route.destinationPrefixListId,
  GatewayId: route.gatewayId,
  InstanceId: route.instanceId,
  NetworkInterfaceId: route.networkInterfaceId,
  Origin: route.origin,
  State: route.state,
});

const toRouteTable = (context: Ec2Context, table: RouteTableRecord): RouteTable => ({
  RouteTableId: table.id,
  VpcId: table.vpcId,
  OwnerId: table.ownerId,
  Routes: routesOf(context, table).map(toRoute),
  Associations: table.associations.map((association) => ({
    Main: association.main,
    RouteTableAssociationId: association.id,
    RouteTableId: table.id,
    SubnetId: association.subnetId,
    AssociationState: { State: 'associated' },
  })),
  PropagatingVgws: [],
  Tags: tagSet(table.tags),
});

export function routeTableOperations(context: Ec2Context): Record<string, Operation> {
  const requireTable = (id: string | undefined) => requireOne(context, context.tables.routeTables, id, 'RouteTableId', routeTableNotFound);
  return {
    CreateRouteTable: operation(
      { VpcId: true, TagSpecifications: TAG_SPECIFICATIONS, ClientToken: true, DryRun: true },
      (input: CreateRouteTableRequest): CreateRouteTableResult => {
        const vpc = requireOne(context, context.tables.vpcs, input.VpcId, 'VpcId', vpcNotFound);
        const tags = tagsFromSpecifications(input.TagSpecifications, 'route-table');
        // The answer shows the table as made, even while it is too new for calls naming it (eventual consistency).
        const table = createOnce(context, context.tables.routeTables, input, 'CreateRouteTable', routeTableNotFound, () => createRouteTable(context, vpc, false, tags));
        return { RouteTable: toRouteTable(context, table), ClientToken: input.ClientToken };
      },
    ),

    DescribeRouteTables: operation(
      { RouteTableIds: true, ...DESCRIBE_PAGE },
      (input: DescribeRouteTablesRequest): DescribeRouteTablesResult => {
        const routes = (table: RouteTableRecord) => routesOf(context, table);
        const page = describeRecords(context, input, {
          table: context.tables.routeTables,
          ids: input.RouteTableIds,
          missing: routeTableNotFound,
          listing: 'DescribeRouteTables',
          fields: {
            'route-table-id': (table) => table.id,
            'vpc-id': (table) => table.vpcId,
            'owner-id': (table) => table.ownerId,
            'association.route-table-association-id': (table) => table.associations.map((association) => association.id),
            'association.route-table-id': (table) => (table.associations.length > 0 ? table.id : undefined),
            'association.subnet-id': (table) => table.associations.map((association) => association.subnetId),
            'association.main': (table) => table.associations.map((association) => String(association.main)),
            'route.destination-cidr-block': (table) => routes(table).map((route) => route.destinationCidrBlock),
            'route.destination-prefix-list-id': (table) => routes(table).map((route) => route.destinationPrefixListId),
            'route.gateway-id': (table) => routes(table).map((route) => route.gatewayId),
            'route.origin': (table) => routes(table).map((route) => route.origin),
            'route.state': (table) => routes(table).map((route) => route.state),
          },
        });
        return { RouteTables: page.items.map((table) => toRouteTable(context, table)), NextToken: page.nextToken };
      },
    ),

    DeleteRouteTable: operation(
      { RouteTableId: true, DryRun: true },
      (input: DeleteRouteTableRequest): Record<string, never> => {
        deleteRouteTable(context, requireTable(input.RouteTableId));
        return {};
      },
    ),

    CreateRoute: operation(
      { RouteTableId: true, DestinationCidrBlock: true, GatewayId: true, DryRun: true },
      (input: CreateRouteRequest): CreateRouteResult => {
        const table = requireTable(input.RouteTableId);
        if (!input.DestinationCidrBlock) throw missingParameter('destinationCidrBlock');
        if (!input.GatewayId) throw missingParameter('gatewayId');
        createRoute(context, table, input.DestinationCidrBlock, input.GatewayId);
        return { Return: true };
      },
    ),

    DeleteRoute: operation(
      { RouteTableId: true, DestinationCidrBlock: true, DryRun: true },
      (input: DeleteRouteRequest): Record<string, never> => {
        const table = requireTable(input.RouteTableId);
        if (!input.DestinationCidrBlock) throw missingParameter('destinationCidrBlock');
        deleteRoute(context, table, input.DestinationCidrBlock);
        return {};
      },
    ),

    AssociateRouteTable: operation(
      { RouteTableId: true, SubnetId: true, DryRun: true },
      (input: AssociateRouteTableRequest): AssociateRouteTableResult => {
        const table = requireTable(input.RouteTableId);
        const subnet = requireOne(context, context.tables.subnets, input.SubnetId, 'SubnetId', subnetNotFound);
        return { AssociationId: associateRouteTable(context, table, subnet).id, AssociationState: { State: 'associated' } };
      },
    ),

    DisassociateRouteTable: operation(
      { AssociationId: true, DryRun: true },
      (input: DisassociateRouteTableRequest): Record<string, never> => {
        if (!input.AssociationId) throw missingParameter('AssociationId');
        disassociateRouteTable(context, input.AssociationId);
        return {};
      },
    ),
  };
}
