import { labStep } from '../commons/lab-step';
import { sendChecksInputSchema } from '../lab/verification/check-schemas';
import { sendChecks } from '../lab/verification/send-checks';

export const handler = labStep('SendChecks', sendChecksInputSchema, (input, dependencies) => sendChecks(input, dependencies));
