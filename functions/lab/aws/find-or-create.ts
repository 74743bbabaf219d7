import {
  type EC2Client,
  type InternetGateway,
  paginateDescribeInternetGateways,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type SecurityGroup,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { collect } from '../../commons/collect-pages';
import { LabStepFailed } from '../../commons/lab-errors';
import { runFilters } from '../../commons/lab-tags';

/**
 * The idempotent create for resources AWS gives no ClientToken: the run's
 * resource of that logical name if a previous attempt made it, else a new
 * one. Two found means the run is no longer what the lab built; that is
 * reported rather than guessed around (teardown removes both by their tags).
 */
export async function findOrCreate<T>(what: string, idOf: (item: T) => string | undefined, find: () => Promise<readonly T[]>, create: () => Promise<T>): Promise<T> {
  const found = await find();
  if (found.length > 1) throw new LabStepFailed(`the run has ${found.length} ${what}s where the lab makes one: ${found.map(idOf).join(', ')}`);
  return found[0] ?? create();
}

/** The run's EC2 resources of one logical name, found by their tags. */
export const findTagged = {
  vpcs: (ec2: EC2Client, runId: string, logicalName: string): Promise<Vpc[]> =>
    collect(paginateDescribeVpcs({ client: ec2 }, { Filters: runFilters(runId, logicalName) }), (page) => page.Vpcs),
  subnets: (ec2: EC2Client, runId: string, logicalName: string): Promise<Subnet[]> =>
    collect(paginateDescribeSubnets({ client: ec2 }, { Filters: runFilters(runId, logicalName) }), (page) => page.Subnets),
  internetGateways: (ec2: EC2Client, runId: string, logicalName: string): Promise<InternetGateway[]> =>
    collect(paginateDescribeInternetGateways({ client: ec2 }, { Filters: runFilters(runId, logicalName) }), (page) => page.InternetGateways),
  securityGroups: (ec2: EC2Client, runId: string, logicalName: string): Promise<SecurityGroup[]> =>
    collect(paginateDescribeSecurityGroups({ client: ec2 }, { Filters: runFilters(runId, logicalName) }), (page) => page.SecurityGroups),
};
