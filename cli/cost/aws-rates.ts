/**
 * On-demand prices the estimate uses, in USD, for the lab's default region
 * ap-northeast-2 (Seoul). Other regions differ by a few percent; the
 * estimate says which rates it used. Sources: the AWS pricing pages named.
 */
export interface Rate {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
}

export const AWS_RATES = {
  interfaceEndpointHour: {
    usd: 0.013,
    unit: 'per interface endpoint per AZ-hour (partial hours billed as full hours)',
    source: 'AWS PrivateLink pricing, Asia Pacific (Seoul)',
  },
  gatewayEndpointHour: { usd: 0, unit: 'gateway endpoints (S3, DynamoDB) have no charge', source: 'Amazon VPC pricing' },
  networkLoadBalancerHour: {
    usd: 0.0225,
    unit: 'per Network Load Balancer-hour (partial hours billed as full hours)',
    source: 'Elastic Load Balancing pricing, Asia Pacific (Seoul)',
  },
  networkLoadBalancerCapacityUnitHour: { usd: 0.006, unit: 'per NLCU-hour (a lab uses well under one)', source: 'Elastic Load Balancing pricing, Asia Pacific (Seoul)' },
  t3MicroHour: { usd: 0.013, unit: 'per t3.micro instance-hour, billed per second (60 s minimum)', source: 'Amazon EC2 On-Demand pricing, Asia Pacific (Seoul), Linux' },
  publicIpv4Hour: { usd: 0.005, unit: 'per public IPv4 address-hour', source: 'Amazon VPC pricing, public IPv4 addresses' },
} as const satisfies Record<string, Rate>;
