import {
  type EC2Client,
  type Filter,
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
import {
  DescribeTagsCommand,
  type ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../functions/commons/lab-tags';

/** What is left of a run, by kind, as ids (ARNs for ELBv2). */
export interface RunLeftovers {
  readonly vpcs: string[];
  readonly subnets: string[];
  readonly routeTables: string[];
  readonly internetGateways: string[];
  readonly securityGroups: string[];
  readonly instances: string[];
  readonly networkInterfaces: string[];
  readonly vpcEndpoints: string[];
  readonly endpointServices: string[];
  readonly loadBalancers: string[];
  readonly targetGroups: string[];
}

export const NOTHING_LEFT: RunLeftovers = {
  vpcs: [],
  subnets: [],
  routeTables: [],
  internetGateways: [],
  securityGroups: [],
  instances: [],
  networkInterfaces: [],
  vpcEndpoints: [],
  endpointServices: [],
  loadBalancers: [],
  targetGroups: [],
};

const STILL_THERE = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const found: T[] = [];
  for await (const page of pages) found.push(...(items(page) ?? []));
  return found;
}

const ids = <T>(items: T[], id: (item: T) => string | undefined): string[] => items.map(id).filter((value): value is string => value !== undefined);

/** ELBv2 resources whose tags name the run (ELBv2 lists tags only through DescribeTags, 20 ARNs at a time). */
async function taggedArns(elbv2: ElasticLoadBalancingV2Client, arns: string[], runId: string): Promise<string[]> {
  const tagged: string[] = [];
  for (let start = 0; start < arns.length; start += 20) {
    const { TagDescriptions } = await elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(start, start + 20) }));
    for (const description of TagDescriptions ?? []) {
      if (description.Tags?.some((tag) => tag.Key === TAG.runId && tag.Value === runId)) tagged.push(description.ResourceArn ?? '');
    }
  }
  return tagged;
}

/**
 * Everything of a run still in the cloud, found through the SDK as anyone
 * would: resources tagged `vpce-lab:run-id=<runId>` (instances unless
 * terminated, endpoints and endpoint services unless deleted), and network
 * interfaces the run leaves behind: tagged for it, in one of its VPCs, or in
 * a VPC that no longer exists.
 */
export async function runLeftovers(clients: { readonly ec2: EC2Client; readonly elbv2: ElasticLoadBalancingV2Client }, runId: string): Promise<RunLeftovers> {
  const { ec2, elbv2 } = clients;
  const query = { client: ec2 };
  const Filters: Filter[] = [{ Name: `tag:${TAG.runId}`, Values: [runId] }];
  const [vpcs, allVpcs, subnets, routeTables, internetGateways, securityGroups, reservations, interfaces, endpoints, services] = await Promise.all([
    all(paginateDescribeVpcs(query, { Filters }), (page) => page.Vpcs),
    all(paginateDescribeVpcs(query, {}), (page) => page.Vpcs),
    all(paginateDescribeSubnets(query, { Filters }), (page) => page.Subnets),
    all(paginateDescribeRouteTables(query, { Filters }), (page) => page.RouteTables),
    all(paginateDescribeInternetGateways(query, { Filters }), (page) => page.InternetGateways),
    all(paginateDescribeSecurityGroups(query, { Filters }), (page) => page.SecurityGroups),
    all(paginateDescribeInstances(query, { Filters: [...Filters, { Name: 'instance-state-name', Values: STILL_THERE }] }), (page) => page.Reservations),
    all(paginateDescribeNetworkInterfaces(query, {}), (page) => page.NetworkInterfaces),
    all(paginateDescribeVpcEndpoints(query, { Filters }), (page) => page.VpcEndpoints),
    all(paginateDescribeVpcEndpointServiceConfigurations(query, { Filters }), (page) => page.ServiceConfigurations),
  ]);
  const runVpcIds = new Set(ids(vpcs, (vpc) => vpc.VpcId));
  const existingVpcIds = new Set(ids(allVpcs, (vpc) => vpc.VpcId));
  const [balancers, groups] = await Promise.all([
    all(paginateDescribeLoadBalancers({ client: elbv2 }, {}), (page) => page.LoadBalancers),
    all(paginateDescribeTargetGroups({ client: elbv2 }, {}), (page) => page.TargetGroups),
  ]);
  return {
    vpcs: [...runVpcIds],
    subnets: ids(subnets, (subnet) => subnet.SubnetId),
    routeTables: ids(routeTables, (table) => table.RouteTableId),
    internetGateways: ids(internetGateways, (gateway) => gateway.InternetGatewayId),
    securityGroups: ids(securityGroups, (group) => group.GroupId),
    instances: ids(
      reservations.flatMap((reservation) => reservation.Instances ?? []),
      (instance) => instance.InstanceId,
    ),
    networkInterfaces: ids(
      interfaces.filter(
        (eni) =>
          eni.TagSet?.some((tag) => tag.Key === TAG.runId && tag.Value === runId) || runVpcIds.has(eni.VpcId ?? '') || !existingVpcIds.has(eni.VpcId ?? ''),
      ),
      (eni) => eni.NetworkInterfaceId,
    ),
    vpcEndpoints: ids(
      endpoints.filter((endpoint) => String(endpoint.State).toLowerCase() !== 'deleted'),
      (endpoint) => endpoint.VpcEndpointId,
    ),
    endpointServices: ids(
      services.filter((service) => String(service.ServiceState).toLowerCase() !== 'deleted'),
      (service) => service.ServiceId,
    ),
    loadBalancers: await taggedArns(elbv2, ids(balancers, (balancer) => balancer.LoadBalancerArn), runId),
    targetGroups: await taggedArns(elbv2, ids(groups, (group) => group.TargetGroupArn), runId),
  };
}
