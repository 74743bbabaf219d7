import { labStep } from '../commons/lab-step';
import { awaitVpcEndpointsGone } from '../lab/teardown/await-vpc-endpoints-gone';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('AwaitVpcEndpointsGone', teardownInputSchema, awaitVpcEndpointsGone);
