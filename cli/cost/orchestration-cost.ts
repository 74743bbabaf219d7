import type { OrchestrationUse } from '../follow/run-timeline';
import type { Rate } from './aws-rates';

/**
 * What the orchestration itself costs on AWS (apart from the lab's
 * resources): Step Functions Standard bills state transitions, retries
 * included; Lambda bills requests and GB-seconds. Free tiers left out.
 */
export const ORCHESTRATION_RATES = {
  stateTransition: {
    usd: 0.0271 / 1000,
    unit: 'per state transition, Standard workflows ($0.0271 per 1,000; $0.025 in US East)',
    source: 'AWS Step Functions pricing, Asia Pacific (Seoul)',
  },
  lambdaRequest: { usd: 0.2 / 1_000_000, unit: 'per Lambda request ($0.20 per million)', source: 'AWS Lambda pricing' },
  lambdaArmGbSecond: { usd: 0.0000133334, unit: 'per GB-second on Arm (arm64), first 7.5 billion GB-seconds a month', source: 'AWS Lambda pricing' },
} as const satisfies Record<string, Rate>;

/** The lab's functions' memory size: Lambda's smallest, which their few SDK calls never outgrow. */
export const LAB_FUNCTION_MEMORY_MB = 128;

export interface OrchestrationCost {
  readonly transitionsUsd: number;
  readonly requestsUsd: number;
  readonly gbSeconds: number;
  readonly computeUsd: number;
  readonly totalUsd: number;
  readonly memoryMb: number;
}

export function orchestrationCost(use: OrchestrationUse, memoryMb = LAB_FUNCTION_MEMORY_MB): OrchestrationCost {
  const gbSeconds = (memoryMb / 1024) * (use.lambdaMilliseconds / 1000);
  const transitionsUsd = use.stateTransitions * ORCHESTRATION_RATES.stateTransition.usd;
  const requestsUsd = use.lambdaInvocations * ORCHESTRATION_RATES.lambdaRequest.usd;
  const computeUsd = gbSeconds * ORCHESTRATION_RATES.lambdaArmGbSecond.usd;
  return { transitionsUsd, requestsUsd, gbSeconds, computeUsd, totalUsd: transitionsUsd + requestsUsd + computeUsd, memoryMb };
}
