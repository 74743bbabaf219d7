import { labStep } from '../commons/lab-step';
import { awaitInstancesTerminated } from '../lab/teardown/await-instances-terminated';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('AwaitInstancesTerminated', teardownInputSchema, awaitInstancesTerminated);
