import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { launchWebServers } from '../lab/build/launch-web-servers';
import { labRunSchema } from '../lab/lab-run';
import { planSchema, providerSchema } from '../lab/lab-state';

export const handler = labStep(
  'LaunchWebServers',
  z.object({
    run: labRunSchema,
    plan: planSchema,
    provider: providerSchema,
  }),
  launchWebServers,
);
