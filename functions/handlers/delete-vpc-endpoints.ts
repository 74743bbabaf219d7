import { labStep } from '../commons/lab-step';
import { deleteVpcEndpoints } from '../lab/teardown/delete-vpc-endpoints';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('DeleteVpcEndpoints', teardownInputSchema, deleteVpcEndpoints);
