import { type EC2Client, paginateDescribeInternetGateways, paginateDescribeVpcEndpoints, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { type ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers } from '@aws-sdk/client-elastic-load-balancing-v2';
import { collect } from '../../commons/collect-pages';
import { stateIs } from '../aws/ec2-states';
import type { Lessons } from '../lab-run';
import { ENDPOINT_GONE, labNeeds, type LabQuota, VPC_QUOTAS } from './quota-headroom';

/** The clients that read what an account holds. */
export interface AccountReaders {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
}

/** A quota a lab run takes from, how much of it one run takes, and how much of it the account holds now. */
export interface AccountQuota extends LabQuota {
  /** `Region`: every run adds to one count. `VPC`: each run's consumer VPC is new, so only one run's endpoints count. */
  readonly scope: 'Region' | 'VPC';
  readonly perRun: (lessons: Lessons) => number;
  /** What the account holds against the quota now; 0 for a per-VPC quota, whose VPC the run creates. */
  readonly inUse: (readers: AccountReaders) => Promise<number>;
}

/**
 * Every quota a lab run counts against, each as Service Quotas names it and
 * with AWS's documented default: the VPC ones from "Amazon Virtual Private
 * Cloud endpoints and quotas" (AWS General Reference), Network Load Balancers
 * per Region from "Quotas for your Network Load Balancers" (Elastic Load
 * Balancing User Guide). The default VPC counts against VPCs and internet
 * gateways per Region, as every VPC and gateway of the Region does.
 */
export const ACCOUNT_QUOTAS: readonly AccountQuota[] = [
  {
    ...VPC_QUOTAS.vpcsPerRegion,
    scope: 'Region',
    perRun: (lessons) => labNeeds(lessons).vpcs,
    inUse: async ({ ec2 }) => (await collect(paginateDescribeVpcs({ client: ec2 }, {}), (page) => page.Vpcs)).length,
  },
  {
    serviceCode: 'vpc',
    code: 'L-A4707A72',
    name: 'Internet gateways per Region',
    awsDefault: 5,
    scope: 'Region',
    perRun: (lessons) => labNeeds(lessons).internetGateways,
    inUse: async ({ ec2 }) => (await collect(paginateDescribeInternetGateways({ client: ec2 }, {}), (page) => page.InternetGateways)).length,
  },
  {
    ...VPC_QUOTAS.gatewayEndpointsPerRegion,
    scope: 'Region',
    perRun: (lessons) => labNeeds(lessons).gatewayEndpoints,
    inUse: async ({ ec2 }) => {
      const endpoints = await collect(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: [{ Name: 'vpc-endpoint-type', Values: ['Gateway'] }] }), (page) => page.VpcEndpoints);
      return endpoints.filter((endpoint) => !stateIs(endpoint.State, ...ENDPOINT_GONE)).length;
    },
  },
  { ...VPC_QUOTAS.interfaceEndpointsPerVpc, scope: 'VPC', perRun: (lessons) => labNeeds(lessons).interfaceEndpointsInConsumerVpc, inUse: async () => 0 },
  {
    serviceCode: 'elasticloadbalancing',
    code: 'L-69A177A2',
    name: 'Network Load Balancers per Region',
    awsDefault: 50,
    scope: 'Region',
    perRun: (lessons) => labNeeds(lessons).networkLoadBalancers,
    inUse: async ({ elbv2 }) => (await collect(paginateDescribeLoadBalancers({ client: elbv2 }, {}), (page) => page.LoadBalancers)).filter((balancer) => balancer.Type === 'network').length,
  },
];
