import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitLoadBalancerActive } from '../lab/build/await-load-balancer-active';
import { labRunSchema } from '../lab/lab-run';
import { loadBalancerSchema } from '../lab/lab-state';

export const handler = labStep(
  'AwaitLoadBalancerActive',
  z.object({
    run: labRunSchema,
    loadBalancer: loadBalancerSchema,
  }),
  awaitLoadBalancerActive,
);
