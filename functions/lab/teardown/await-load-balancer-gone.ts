import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { loadBalancersWithTags, ownedByRun } from './elbv2-tagged';
import type { TeardownInput } from './teardown-input';

/**
 * Done once ELBv2 lists no load balancer of the run. Their network
 * interfaces linger a while longer; AwaitNetworkInterfacesReleased waits for
 * those before the subnets go.
 */
export async function awaitLoadBalancerGone({ runId }: TeardownInput, { clients }: StepDependencies): Promise<Record<string, never>> {
  const remaining = ownedByRun(await loadBalancersWithTags(clients.elbv2), runId);
  if (remaining.length > 0) {
    throw new NotReady(`load balancers of ${runId} are not gone yet: ${remaining.map((balancer) => `${balancer.LoadBalancerArn} (${balancer.State?.Code ?? 'deleting'})`).join(', ')}`);
  }
  return {};
}
