import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Scenario } from './scenario';

export const STS_SCENARIOS: Record<string, Scenario> = {
  'caller identity': async (run) => {
    await run.step('GetCallerIdentity', () => run.clients.sts.send(new GetCallerIdentityCommand({})));
  },
};
