import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { buildConsumerNetwork } from '../lab/build/build-consumer-network';
import { labRunSchema } from '../lab/lab-run';
import { planSchema } from '../lab/lab-state';

export const handler = labStep('BuildConsumerNetwork', z.object({ run: labRunSchema, plan: planSchema }), buildConsumerNetwork);
