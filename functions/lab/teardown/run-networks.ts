import {
  type EC2Client,
  type InternetGateway,
  paginateDescribeInternetGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { runFilters } from '../../commons/lab-tags';
import { collect } from '../../commons/collect-pages';

/** The run's network pieces, each found by its own tags. */
export interface RunNetworks {
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  /** Without main tables: those belong to their VPC and go with it. */
  readonly routeTables: RouteTable[];
  readonly internetGateways: InternetGateway[];
  /** Without default groups: those go with their VPC. */
  readonly securityGroups: SecurityGroup[];
}

export const runVpcs = (ec2: EC2Client, runId: string): Promise<Vpc[]> =>
  collect(paginateDescribeVpcs({ client: ec2 }, { Filters: runFilters(runId) }), (page) => page.Vpcs);

export async function runNetworks(ec2: EC2Client, runId: string): Promise<RunNetworks> {
  const query = { client: ec2 };
  const input = { Filters: runFilters(runId) };
  const [vpcs, subnets, routeTables, internetGateways, securityGroups] = await Promise.all([
    runVpcs(ec2, runId),
    collect(paginateDescribeSubnets(query, input), (page) => page.Subnets),
    collect(paginateDescribeRouteTables(query, input), (page) => page.RouteTables),
    collect(paginateDescribeInternetGateways(query, input), (page) => page.InternetGateways),
    collect(paginateDescribeSecurityGroups(query, input), (page) => page.SecurityGroups),
  ]);
  return {
    vpcs,
    subnets,
    routeTables: routeTables.filter((table) => !table.Associations?.some((association) => association.Main)),
    internetGateways,
    securityGroups: securityGroups.filter((group) => group.GroupName !== 'default'),
  };
}
