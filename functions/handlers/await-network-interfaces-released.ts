import { labStep } from '../commons/lab-step';
import { awaitNetworkInterfacesReleased } from '../lab/teardown/await-network-interfaces-released';
import { teardownInputSchema } from '../lab/teardown/teardown-input';

export const handler = labStep('AwaitNetworkInterfacesReleased', teardownInputSchema, awaitNetworkInterfacesReleased);
