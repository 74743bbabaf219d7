import { DescribeTagsCommand, type ElasticLoadBalancingV2Client, type Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import { requireOwned } from './run-ownership';

/** The tags of one ELBv2 resource (ELBv2's Describe calls do not return them). */
export async function elbv2Tags(elbv2: ElasticLoadBalancingV2Client, arn: string): Promise<Tag[]> {
  const { TagDescriptions } = await elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
  return TagDescriptions?.find((description) => description.ResourceArn === arn)?.Tags ?? [];
}

/** Refuses an ELBv2 resource named in the input that is not the run's. */
export async function requireOwnedElbv2(elbv2: ElasticLoadBalancingV2Client, what: string, arn: string, runId: string): Promise<void> {
  requireOwned(what, arn, await elbv2Tags(elbv2, arn), runId);
}
