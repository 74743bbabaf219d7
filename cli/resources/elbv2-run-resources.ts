import type { ElasticLoadBalancingV2Client, Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../functions/commons/lab-tags';
import { loadBalancersWithTags, type Tagged, targetGroupsWithTags } from '../../functions/lab/teardown/elbv2-tagged';
import type { RunResource } from './run-resource';

const runIdOf = (tags: readonly Tag[]): string | undefined => tags.find((tag) => tag.Key === TAG.runId)?.Value;

function tagged<T>(resources: readonly Tagged<T>[], resourceType: string, arnOf: (resource: T) => string | undefined, runId: string | undefined): RunResource[] {
  return resources.flatMap(({ resource, tags }) => {
    const owner = runIdOf(tags);
    return owner !== undefined && (runId === undefined || owner === runId) ? [{ runId: owner, resourceType, resourceId: arnOf(resource) ?? '' }] : [];
  });
}

/** The load balancers and target groups tagged with a run id (with `runId`, that run's): ELBv2 has no tag filter, so every one is listed with its tags. */
export async function elbv2RunResources(elbv2: ElasticLoadBalancingV2Client, runId?: string): Promise<RunResource[]> {
  const [balancers, groups] = await Promise.all([loadBalancersWithTags(elbv2), targetGroupsWithTags(elbv2)]);
  return [
    ...tagged(balancers, 'load-balancer', (balancer) => balancer.LoadBalancerArn, runId),
    ...tagged(groups, 'target-group', (group) => group.TargetGroupArn, runId),
  ];
}
