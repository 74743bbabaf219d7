import { labStep } from '../commons/lab-step';
import { deleteEndpointService } from '../lab/teardown/delete-endpoint-service';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('DeleteEndpointService', teardownInputSchema, deleteEndpointService);
