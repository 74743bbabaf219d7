import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createLoadBalancer } from '../lab/build/create-load-balancer';
import { labRunSchema } from '../lab/lab-run';
import { providerSchema } from '../lab/lab-state';

export const handler = labStep('CreateLoadBalancer', z.object({ run: labRunSchema, provider: providerSchema }), createLoadBalancer);
