import {
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcEndpointServiceConfigurations,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { paginateDescribeLoadBalancers, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import { collect } from '../functions/commons/collect-pages';
import { TAG } from '../functions/commons/lab-tags';
import type { BenchLab } from './bench-lab';

const count = async <P>(pages: AsyncIterable<P>, items: (page: P) => unknown[] | undefined): Promise<number> => (await collect(pages, items)).length;

/**
 * Everything any run left in the benchmark's cloud (which holds nothing
 * else), by kind, found through the SDK as anyone would: resources tagged
 * as the lab's (instances unless terminated, endpoints and services unless
 * deleted), and every network interface, load balancer and target group.
 */
export async function leftovers(bench: BenchLab): Promise<Record<string, number>> {
  const client = { client: bench.ec2 };
  const managed = { Filters: [{ Name: 'tag-key', Values: [TAG.runId] }] };
  const live = (state: string, gone: string[]) => !gone.includes(state.toLowerCase());
  const [vpcs, subnets, routeTables, internetGateways, securityGroups, instances, networkInterfaces, vpcEndpoints, endpointServices, loadBalancers, targetGroups] =
    await Promise.all([
      count(paginateDescribeVpcs(client, managed), (page) => page.Vpcs),
      count(paginateDescribeSubnets(client, managed), (page) => page.Subnets),
      count(paginateDescribeRouteTables(client, managed), (page) => page.RouteTables),
      count(paginateDescribeInternetGateways(client, managed), (page) => page.InternetGateways),
      count(paginateDescribeSecurityGroups(client, managed), (page) => page.SecurityGroups),
      count(paginateDescribeInstances(client, managed), (page) =>
        page.Reservations?.flatMap((reservation) => reservation.Instances ?? []).filter((instance) => live(String(instance.State?.Name), ['terminated'])),
      ),
      count(paginateDescribeNetworkInterfaces(client, {}), (page) => page.NetworkInterfaces),
      count(paginateDescribeVpcEndpoints(client, managed), (page) => page.VpcEndpoints?.filter((endpoint) => live(String(endpoint.State), ['deleted']))),
      count(paginateDescribeVpcEndpointServiceConfigurations(client, managed), (page) =>
        page.ServiceConfigurations?.filter((service) => live(String(service.ServiceState), ['deleted'])),
      ),
      count(paginateDescribeLoadBalancers({ client: bench.elbv2 }, {}), (page) => page.LoadBalancers),
      count(paginateDescribeTargetGroups({ client: bench.elbv2 }, {}), (page) => page.TargetGroups),
    ]);
  return { vpcs, subnets, routeTables, internetGateways, securityGroups, instances, networkInterfaces, vpcEndpoints, endpointServices, loadBalancers, targetGroups };
}

export const totalLeft = (left: Record<string, number>): number => Object.values(left).reduce((sum, value) => sum + value, 0);
