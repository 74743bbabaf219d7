import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createInterfaceEndpoint } from '../lab/build/create-interface-endpoint';
import { labRunSchema } from '../lab/lab-run';
import { consumerSchema } from '../lab/lab-state';

export const handler = labStep(
  'CreateInterfaceEndpoint',
  z.object({
    run: labRunSchema,
    consumer: consumerSchema,
  }),
  createInterfaceEndpoint,
);
