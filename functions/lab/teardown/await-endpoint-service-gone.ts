import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { stateIs } from '../ec2-states';
import { runEndpointServices } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

/** Done once EC2 lists no endpoint service of the run short of `Deleted`: until then its load balancer cannot go. */
export async function awaitEndpointServiceGone({ runId }: TeardownInput, { clients }: StepDependencies): Promise<Record<string, never>> {
  const remaining = (await runEndpointServices(clients.ec2, runId)).filter((service) => !stateIs(service.ServiceState, 'Deleted'));
  if (remaining.length > 0) {
    throw new NotReady(`endpoint services of ${runId} are not gone yet: ${remaining.map((service) => `${service.ServiceId} (${service.ServiceState})`).join(', ')}`);
  }
  return {};
}
