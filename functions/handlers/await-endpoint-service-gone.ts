import { labStep } from '../commons/lab-step';
import { awaitEndpointServiceGone } from '../lab/teardown/await-endpoint-service-gone';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('AwaitEndpointServiceGone', teardownInputSchema, awaitEndpointServiceGone);
