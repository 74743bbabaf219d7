import type { ResourceType } from '@aws-sdk/client-ec2';
import type { Table } from '../../../cloud/cloud-store';
import { ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, inCallRegion, requireAll } from '../model/ec2-context';
import type { Ec2Record } from '../model/ec2-records';
import type { Ec2Tables } from '../model/ec2-tables';
import { securityGroupNotFound } from '../model/security-groups';
import { vpcEndpointNotFound } from '../model/vpc-endpoints';
import { instanceNotFound } from './instance-api';
import { internetGatewayNotFound } from './internet-gateway-api';
import { networkInterfaceNotFound } from './network-interface-api';
import { routeTableNotFound } from './route-table-api';
import { subnetNotFound } from './subnet-api';
import { vpcNotFound } from './vpc-api';
import { notFound } from '../model/ec2-errors';

/** One kind of EC2 resource the tag operations reach, told apart by its id's prefix. */
interface TaggableKind {
  readonly prefix: string;
  readonly resourceType: ResourceType;
  readonly table: (tables: Ec2Tables) => Table<Ec2Record>;
  readonly missing: (id: string) => ServiceError;
}

/** Longer prefixes first: `vpce-svc-` ids also start with `vpce-`. */
const TAGGABLE_KINDS: readonly TaggableKind[] = [
  {
    prefix: 'vpce-svc-',
    resourceType: 'vpc-endpoint-service',
    table: (tables) => tables.endpointServices,
    missing: (id) => notFound('InvalidVpcEndpointServiceId.NotFound', 'Vpc Endpoint Service', id),
  },
  { prefix: 'vpce-', resourceType: 'vpc-endpoint', table: (tables) => tables.vpcEndpoints, missing: vpcEndpointNotFound },
  { prefix: 'vpc-', resourceType: 'vpc', table: (tables) => tables.vpcs, missing: vpcNotFound },
  { prefix: 'subnet-', resourceType: 'subnet', table: (tables) => tables.subnets, missing: subnetNotFound },
  { prefix: 'igw-', resourceType: 'internet-gateway', table: (tables) => tables.internetGateways, missing: internetGatewayNotFound },
  { prefix: 'rtb-', resourceType: 'route-table', table: (tables) => tables.routeTables, missing: routeTableNotFound },
  { prefix: 'sg-', resourceType: 'security-group', table: (tables) => tables.securityGroups, missing: securityGroupNotFound },
  { prefix: 'eni-', resourceType: 'network-interface', table: (tables) => tables.networkInterfaces, missing: networkInterfaceNotFound },
  { prefix: 'i-', resourceType: 'instance', table: (tables) => tables.instances, missing: instanceNotFound },
];

export interface TaggableResource {
  readonly resourceType: ResourceType;
  readonly table: Table<Ec2Record>;
  readonly record: Ec2Record;
}

/** The resource an id names, refusing an id of no taggable kind (`InvalidID`) or one that does not exist (the kind's own `…NotFound`). */
export function requireTaggable(context: Ec2Context, id: string): TaggableResource {
  const kind = TAGGABLE_KINDS.find((candidate) => id.startsWith(candidate.prefix));
  if (!kind) throw new ServiceError('InvalidID', `The ID '${id}' is not valid`);
  const table = kind.table(context.tables);
  const [record] = requireAll(context, table, [id], kind.missing);
  return { resourceType: kind.resourceType, table, record: record as Ec2Record };
}

/** The resource an id names, when it is of a taggable kind and exists (eventual consistency aside: IAM reads the resource as it is). */
export function findTaggable(context: Ec2Context, id: string): TaggableResource | undefined {
  const kind = TAGGABLE_KINDS.find((candidate) => id.startsWith(candidate.prefix));
  const table = kind?.table(context.tables);
  const record = table?.get(id);
  return kind && table && record ? { resourceType: kind.resourceType, table, record } : undefined;
}

/** Every taggable resource of the call's region, for DescribeTags. */
export const allTaggable = (context: Ec2Context): TaggableResource[] =>
  TAGGABLE_KINDS.flatMap((kind) => {
    const table = kind.table(context.tables);
    return table.all().flatMap((record) => (inCallRegion(context, record) ? [{ resourceType: kind.resourceType, table, record }] : []));
  });
