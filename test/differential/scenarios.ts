import { ELBV2_SCENARIOS } from './scenarios/elbv2-scenarios';
import { ENDPOINT_SCENARIOS } from './scenarios/endpoint-scenarios';
import { ENDPOINT_SERVICE_SCENARIOS } from './scenarios/endpoint-service-scenarios';
import { INSTANCE_SCENARIOS } from './scenarios/instance-scenarios';
import { NETWORK_SCENARIOS } from './scenarios/network-scenarios';
import type { Scenario } from './scenarios/scenario';
import { SSM_SCENARIOS } from './scenarios/ssm-scenarios';
import { STS_SCENARIOS } from './scenarios/sts-scenarios';

/** Every scenario, one file per service family under `scenarios/`. */
export const SCENARIOS: Record<string, Scenario> = {
  ...NETWORK_SCENARIOS,
  ...INSTANCE_SCENARIOS,
  ...ENDPOINT_SCENARIOS,
  ...ENDPOINT_SERVICE_SCENARIOS,
  ...ELBV2_SCENARIOS,
  ...SSM_SCENARIOS,
  ...STS_SCENARIOS,
};
