import { labStep } from '../commons/lab-step';
import { deleteLoadBalancer } from '../lab/teardown/delete-load-balancer';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('DeleteLoadBalancer', teardownInputSchema, deleteLoadBalancer);
