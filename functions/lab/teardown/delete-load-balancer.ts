import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { StepDependencies } from '../../commons/lab-step';
import { deleteEach } from './dependency-refusals';
import { loadBalancersWithTags, ownedByRun } from './elbv2-tagged';
import type { TeardownInput } from './teardown-input';

export interface DeletedLoadBalancers {
  readonly loadBalancerArns: string[];
}

/**
 * Deletes the run's load balancers (ELBv2 deletes their listeners with
 * them). `ResourceInUse` while an endpoint service still fronts one is
 * DependencyStillPresent, retried.
 */
export async function deleteLoadBalancer({ runId }: TeardownInput, { clients }: StepDependencies): Promise<DeletedLoadBalancers> {
  const balancers = ownedByRun(await loadBalancersWithTags(clients.elbv2), runId);
  const loadBalancerArns = await deleteEach(
    balancers,
    (balancer) => ({ id: balancer.LoadBalancerArn ?? '', what: `load balancer ${balancer.LoadBalancerName ?? balancer.LoadBalancerArn}` }),
    (balancer) => clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer.LoadBalancerArn })),
  );
  return { loadBalancerArns };
}
