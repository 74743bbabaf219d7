import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { stateIs } from '../ec2-states';
import { runVpcEndpoints } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

/** Done once EC2 lists no endpoint of the run short of `deleted`; NotReady while any is still deleting. */
export async function awaitVpcEndpointsGone({ runId }: TeardownInput, { clients }: StepDependencies): Promise<Record<string, never>> {
  const remaining = (await runVpcEndpoints(clients.ec2, runId)).filter((endpoint) => !stateIs(endpoint.State, 'deleted'));
  if (remaining.length > 0) {
    throw new NotReady(`VPC endpoints of ${runId} are not gone yet: ${remaining.map((endpoint) => `${endpoint.VpcEndpointId} (${endpoint.State})`).join(', ')}`);
  }
  return {};
}
