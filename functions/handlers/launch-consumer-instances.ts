import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { launchConsumerInstances } from '../lab/build/launch-consumer-instances';
import { labRunSchema } from '../lab/lab-run';
import { consumerSchema, planSchema } from '../lab/lab-state';

export const handler = labStep(
  'LaunchConsumerInstances',
  z.object({
    run: labRunSchema,
    plan: planSchema,
    consumer: consumerSchema,
  }),
  launchConsumerInstances,
);
