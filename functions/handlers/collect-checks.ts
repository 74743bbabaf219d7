import { labStep } from '../commons/lab-step';
import { sentChecksSchema } from '../lab/verification/check-schemas';
import { collectChecks } from '../lab/verification/collect-checks';

export const handler = labStep('CollectChecks', sentChecksSchema, (input, dependencies) => collectChecks(input, dependencies));
