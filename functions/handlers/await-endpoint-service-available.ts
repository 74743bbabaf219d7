import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitEndpointServiceAvailable } from '../lab/build/await-endpoint-service-available';
import { labRunSchema } from '../lab/lab-run';
import { endpointServiceSchema } from '../lab/lab-state';

export const handler = labStep(
  'AwaitEndpointServiceAvailable',
  z.object({
    run: labRunSchema,
    endpointService: endpointServiceSchema,
  }),
  awaitEndpointServiceAvailable,
);
