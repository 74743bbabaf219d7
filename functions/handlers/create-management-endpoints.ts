import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createManagementEndpoints } from '../lab/build/create-management-endpoints';
import { labRunSchema } from '../lab/lab-run';
import { consumerSchema } from '../lab/lab-state';

export const handler = labStep(
  'CreateManagementEndpoints',
  z.object({
    run: labRunSchema,
    consumer: consumerSchema,
  }),
  createManagementEndpoints,
);
