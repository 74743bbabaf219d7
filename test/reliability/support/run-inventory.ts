import { type EC2Client, paginateDescribeTags } from '@aws-sdk/client-ec2';
import { DescribeTagsCommand, type ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers, paginateDescribeTargetGroups } from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../../functions/commons/lab-tags';

/**
 * How many resources a run has of each kind and logical name
 * (`vpc/consumer-vpc`, `loadbalancer/…`), counted by their tags as anyone
 * could: a step that made a second resource shows here as a 2.
 */
export async function runInventory({ ec2, elbv2 }: { readonly ec2: EC2Client; readonly elbv2: ElasticLoadBalancingV2Client }, runId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const count = (kind: string, logicalName: string) => {
    const key = `${kind}/${logicalName}`;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const filters = [
    { Name: `tag:${TAG.runId}`, Values: [runId] },
    { Name: 'key', Values: [TAG.logicalName] },
  ];
  for await (const page of paginateDescribeTags({ client: ec2 }, { Filters: filters })) {
    for (const tag of page.Tags ?? []) count(tag.ResourceType ?? 'unknown', tag.Value ?? '');
  }
  const arns: string[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client: elbv2 }, {})) arns.push(...(page.LoadBalancers ?? []).map((balancer) => balancer.LoadBalancerArn ?? ''));
  for await (const page of paginateDescribeTargetGroups({ client: elbv2 }, {})) arns.push(...(page.TargetGroups ?? []).map((group) => group.TargetGroupArn ?? ''));
  for (let start = 0; start < arns.length; start += 20) {
    const { TagDescriptions } = await elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(start, start + 20) }));
    for (const { ResourceArn, Tags } of TagDescriptions ?? []) {
      const value = (key: string) => Tags?.find((tag) => tag.Key === key)?.Value;
      if (value(TAG.runId) === runId) count(ResourceArn?.split(':')[5]?.split('/')[0] ?? 'unknown', value(TAG.logicalName) ?? '');
    }
  }
  return counts;
}
