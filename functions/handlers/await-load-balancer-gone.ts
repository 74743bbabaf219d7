import { labStep } from '../commons/lab-step';
import { awaitLoadBalancerGone } from '../lab/teardown/await-load-balancer-gone';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('AwaitLoadBalancerGone', teardownInputSchema, awaitLoadBalancerGone);
