import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitConnectionAccepted } from '../lab/build/await-connection-accepted';
import { labRunSchema } from '../lab/lab-run';
import { endpointServiceSchema, planSchema, serviceEndpointSchema } from '../lab/lab-state';

export const handler = labStep(
  'AwaitConnectionAccepted',
  z.object({
    run: labRunSchema,
    plan: planSchema,
    endpointService: endpointServiceSchema,
    serviceEndpoint: serviceEndpointSchema,
  }),
  awaitConnectionAccepted,
);
