import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createServiceEndpoint } from '../lab/build/create-service-endpoint';
import { labRunSchema } from '../lab/lab-run';
import { consumerSchema, endpointServiceSchema } from '../lab/lab-state';

export const handler = labStep(
  'CreateServiceEndpoint',
  z.object({
    run: labRunSchema,
    consumer: consumerSchema,
    endpointService: endpointServiceSchema,
  }),
  createServiceEndpoint,
);
