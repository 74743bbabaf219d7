import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createEndpointService } from '../lab/build/create-endpoint-service';
import { labRunSchema } from '../lab/lab-run';
import { loadBalancerSchema, planSchema } from '../lab/lab-state';

export const handler = labStep(
  'CreateEndpointService',
  z.object({
    run: labRunSchema,
    plan: planSchema,
    loadBalancer: loadBalancerSchema,
  }),
  createEndpointService,
);
