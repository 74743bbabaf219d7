import { AWS_RATES, type Rate } from './aws-rates';
import type { Inventory } from './built-inventory';

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly hours: number;
  readonly rate: Rate;
  readonly usd: number;
}

export interface CostEstimate {
  readonly lines: CostLine[];
  readonly totalUsd: number;
  readonly hours: number;
}

const round = (usd: number): number => Math.round(usd * 10000) / 10000;

/**
 * What a run that built `held` would cost on AWS for `runSeconds` of AWS
 * time: endpoints and the NLB are billed by started hour, instances and
 * addresses by the second. Nothing built, nothing billed.
 */
export function estimateCost(held: Inventory, runSeconds: number): CostEstimate {
  const hours = runSeconds / 3600;
  const startedHours = Math.max(1, Math.ceil(hours));
  const line = (item: string, quantity: number, billedHours: number, rate: Rate): CostLine => ({ item, quantity, hours: billedHours, rate, usd: round(quantity * billedHours * rate.usd) });
  const lines = [
    line("Interface endpoints (the lessons' own)", held.interfaceEndpoints, startedHours, AWS_RATES.interfaceEndpointHour),
    line('Network Load Balancer', held.loadBalancers, startedHours, AWS_RATES.networkLoadBalancerHour),
    line('NLB capacity (1 NLCU at most)', held.loadBalancers, startedHours, AWS_RATES.networkLoadBalancerCapacityUnitHour),
    line('EC2 t3.micro instances', held.instances, Math.max(hours, 60 / 3600), AWS_RATES.t3MicroHour),
    line('Public IPv4 addresses', held.publicAddresses, hours, AWS_RATES.publicIpv4Hour),
    line('Gateway endpoints (S3, DynamoDB)', held.gatewayEndpoints, hours, AWS_RATES.gatewayEndpointHour),
  ].filter((entry) => entry.quantity > 0);
  return { lines, hours, totalUsd: round(lines.reduce((sum, entry) => sum + entry.usd, 0)) };
}
