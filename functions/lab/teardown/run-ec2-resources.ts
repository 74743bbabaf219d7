import {
  type EC2Client,
  type Instance,
  type InstanceStateName,
  paginateDescribeInstances,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcEndpointServiceConfigurations,
  type ServiceConfiguration,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { runFilters } from '../../commons/lab-tags';
import { collect } from '../../commons/collect-pages';

/** The run's VPC endpoints (gateway and interface, consumer side), in any state EC2 still lists. */
export const runVpcEndpoints = (ec2: EC2Client, runId: string): Promise<VpcEndpoint[]> =>
  collect(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: runFilters(runId) }), (page) => page.VpcEndpoints);

/** The run's endpoint services, in any state EC2 still lists. */
export const runEndpointServices = (ec2: EC2Client, runId: string): Promise<ServiceConfiguration[]> =>
  collect(paginateDescribeVpcEndpointServiceConfigurations({ client: ec2 }, { Filters: runFilters(runId) }), (page) => page.ServiceConfigurations);

/** The run's instances in the states asked for (terminated ones stay listed for up to an hour). */
export async function runInstances(ec2: EC2Client, runId: string, states: readonly InstanceStateName[]): Promise<Instance[]> {
  const filters = [...runFilters(runId), { Name: 'instance-state-name', Values: [...states] }];
  const reservations = await collect(paginateDescribeInstances({ client: ec2 }, { Filters: filters }), (page) => page.Reservations);
  return reservations.flatMap((reservation) => reservation.Instances ?? []);
}
