import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { INSTANCE_NOT_TERMINATED } from '../aws/ec2-states';
import { runInstances } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

/** Done once every instance of the run is `terminated` (EC2 keeps listing terminated ones for a while, which is fine). */
export async function awaitInstancesTerminated({ runId }: TeardownInput, { clients }: StepDependencies): Promise<Record<string, never>> {
  const remaining = await runInstances(clients.ec2, runId, INSTANCE_NOT_TERMINATED);
  if (remaining.length > 0) {
    throw new NotReady(`instances of ${runId} are not terminated yet: ${remaining.map((instance) => `${instance.InstanceId} (${instance.State?.Name})`).join(', ')}`);
  }
  return {};
}
