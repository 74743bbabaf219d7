import { labStep } from '../commons/lab-step';
import { deleteNetworks } from '../lab/teardown/delete-networks';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('DeleteNetworks', teardownInputSchema, deleteNetworks);
