import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitInstancesManaged } from '../lab/build/await-instances-managed';
import { labRunSchema } from '../lab/lab-run';
import { consumerInstancesSchema } from '../lab/lab-state';

export const handler = labStep(
  'AwaitInstancesManaged',
  z.object({
    run: labRunSchema,
    consumerInstances: consumerInstancesSchema,
  }),
  awaitInstancesManaged,
);
