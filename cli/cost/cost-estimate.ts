import { lessonsOf, type Scenario } from '../../functions/lab/lab-run';
import { AWS_RATES, type Rate } from './aws-rates';

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

/** What a run of `scenario` holds on AWS, as the lab builds it. */
function inventory(scenario: Scenario) {
  const lessons = lessonsOf(scenario);
  const managementEndpoints = 3;
  return {
    interfaceEndpoints: managementEndpoints + (lessons.interface ? 1 : 0) + (lessons.service ? 1 : 0),
    loadBalancers: lessons.service ? 1 : 0,
    instances: 2 + (lessons.service ? 2 : 0),
    publicAddresses: 1 + (lessons.service ? 2 : 0),
  };
}

const round = (usd: number): number => Math.round(usd * 10000) / 10000;

/**
 * What a run would cost on AWS for `runSeconds` of life: endpoints and the
 * NLB are billed by started hour, instances and addresses by the second.
 */
export function estimateCost(scenario: Scenario, runSeconds: number): CostEstimate {
  const held = inventory(scenario);
  const hours = runSeconds / 3600;
  const startedHours = Math.max(1, Math.ceil(hours));
  const line = (item: string, quantity: number, billedHours: number, rate: Rate): CostLine => ({ item, quantity, hours: billedHours, rate, usd: round(quantity * billedHours * rate.usd) });
  const lines = [
    line('Interface endpoints (3 for SSM management, plus the lessons\' own)', held.interfaceEndpoints, startedHours, AWS_RATES.interfaceEndpointHour),
    line('Network Load Balancer', held.loadBalancers, startedHours, AWS_RATES.networkLoadBalancerHour),
    line('NLB capacity (1 NLCU at most)', held.loadBalancers, startedHours, AWS_RATES.networkLoadBalancerCapacityUnitHour),
    line('EC2 t3.micro instances', held.instances, Math.max(hours, 60 / 3600), AWS_RATES.t3MicroHour),
    line('Public IPv4 addresses', held.publicAddresses, hours, AWS_RATES.publicIpv4Hour),
    line('Gateway endpoints (S3, DynamoDB)', lessonsOf(scenario).gateway ? 2 : 0, hours, AWS_RATES.gatewayEndpointHour),
  ].filter((entry) => entry.quantity > 0);
  return { lines, hours, totalUsd: round(lines.reduce((sum, entry) => sum + entry.usd, 0)) };
}
