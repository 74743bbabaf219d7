import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitTargetsHealthy } from '../lab/build/await-targets-healthy';
import { labRunSchema } from '../lab/lab-run';
import { loadBalancerSchema, webServersSchema } from '../lab/lab-state';

export const handler = labStep(
  'AwaitTargetsHealthy',
  z.object({
    run: labRunSchema,
    webServers: webServersSchema,
    loadBalancer: loadBalancerSchema,
  }),
  awaitTargetsHealthy,
);
