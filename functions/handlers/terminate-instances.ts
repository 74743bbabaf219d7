import { labStep } from '../commons/lab-step';
import { terminateInstances } from '../lab/teardown/terminate-instances';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('TerminateInstances', teardownInputSchema, terminateInstances);
