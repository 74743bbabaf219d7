import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { preflight } from '../lab/build/preflight';
import { labRunSchema } from '../lab/lab-run';

export const handler = labStep('Preflight', z.object({ run: labRunSchema }), preflight);
