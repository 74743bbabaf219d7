import {
  DescribeTagsCommand,
  type ElasticLoadBalancingV2Client,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type Tag,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsErrorCode, isGoneCode } from '../../commons/aws-error-code';
import { ownedBy } from '../../commons/lab-tags';
import { collect } from '../../commons/collect-pages';

/** An ELBv2 resource with its tags: ELBv2 lists resources without tags, so they are fetched apart. */
export interface Tagged<T> {
  readonly resource: T;
  readonly tags: readonly Tag[];
}

/** DescribeTags takes at most 20 ARNs a call. */
const TAGS_BATCH = 20;

/**
 * The tags of each ARN. One that vanished between the listing and this call
 * (a load balancer finishing its deletion) makes ELBv2 refuse the whole
 * batch, so that batch is asked again one ARN at a time and the vanished
 * ones are left out.
 */
async function tagsByArn(elbv2: ElasticLoadBalancingV2Client, arns: readonly string[]): Promise<Map<string, readonly Tag[]>> {
  const tags = new Map<string, readonly Tag[]>();
  const describe = async (batch: string[]) => {
    const { TagDescriptions } = await elbv2.send(new DescribeTagsCommand({ ResourceArns: batch }));
    for (const description of TagDescriptions ?? []) if (description.ResourceArn) tags.set(description.ResourceArn, description.Tags ?? []);
  };
  for (let start = 0; start < arns.length; start += TAGS_BATCH) {
    const batch = arns.slice(start, start + TAGS_BATCH);
    try {
      await describe(batch);
    } catch (error) {
      if (!isGoneCode(awsErrorCode(error))) throw error;
      for (const arn of batch) {
        await describe([arn]).catch((single: unknown) => {
          if (!isGoneCode(awsErrorCode(single))) throw single;
        });
      }
    }
  }
  return tags;
}

async function withTags<T>(elbv2: ElasticLoadBalancingV2Client, resources: readonly T[], arnOf: (resource: T) => string | undefined): Promise<Tagged<T>[]> {
  const arns = resources.map(arnOf).filter((arn): arn is string => arn !== undefined);
  const tags = await tagsByArn(elbv2, arns);
  return resources.flatMap((resource) => {
    const found = tags.get(arnOf(resource) ?? '');
    return found ? [{ resource, tags: found }] : [];
  });
}

/** Every load balancer of the region with its tags. */
export async function loadBalancersWithTags(elbv2: ElasticLoadBalancingV2Client): Promise<Tagged<LoadBalancer>[]> {
  const balancers = await collect(paginateDescribeLoadBalancers({ client: elbv2 }, {}), (page) => page.LoadBalancers);
  return withTags(elbv2, balancers, (balancer) => balancer.LoadBalancerArn);
}

/** Every target group of the region with its tags. */
export async function targetGroupsWithTags(elbv2: ElasticLoadBalancingV2Client): Promise<Tagged<TargetGroup>[]> {
  const groups = await collect(paginateDescribeTargetGroups({ client: elbv2 }, {}), (page) => page.TargetGroups);
  return withTags(elbv2, groups, (group) => group.TargetGroupArn);
}

/** The resources among `tagged` that carry the run's tags. */
export const ownedByRun = <T>(tagged: readonly Tagged<T>[], runId: string): T[] => tagged.filter((item) => ownedBy(item.tags, runId)).map((item) => item.resource);
