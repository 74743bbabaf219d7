import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { buildProviderNetwork } from '../lab/build/build-provider-network';
import { labRunSchema } from '../lab/lab-run';
import { planSchema } from '../lab/lab-state';

export const handler = labStep('BuildProviderNetwork', z.object({ run: labRunSchema, plan: planSchema }), buildProviderNetwork);
