import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { registerWebServers } from '../lab/build/register-web-servers';
import { labRunSchema } from '../lab/lab-run';
import { loadBalancerSchema, webServersSchema } from '../lab/lab-state';

export const handler = labStep(
  'RegisterWebServers',
  z.object({
    run: labRunSchema,
    webServers: webServersSchema,
    loadBalancer: loadBalancerSchema,
  }),
  registerWebServers,
);
