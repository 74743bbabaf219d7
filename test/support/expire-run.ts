import { CreateTagsCommand, type EC2Client, paginateDescribeTags, type TagDescription } from '@aws-sdk/client-ec2';
import { AddTagsCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../functions/commons/lab-tags';
import { runLeftovers } from './run-leftovers';

/** Every EC2 tag of a run's resources, as DescribeTags lists them. */
export async function ec2TagsOf(ec2: EC2Client, runId: string): Promise<TagDescription[]> {
  const tags: TagDescription[] = [];
  for await (const page of paginateDescribeTags({ client: ec2 }, { Filters: [{ Name: `tag:${TAG.runId}`, Values: [runId] }] })) tags.push(...(page.Tags ?? []));
  return tags;
}

/**
 * Lets a run's TTL pass. The TTL is wall-clock time and at least its
 * scenario's floor (minutes, cli/run-request.ts ttlFloor), which a test
 * cannot wait for; what time passing changes for cleanup is that the run's
 * `vpce-lab:expires-at` tags lie in the past (its execution, running or not,
 * is the test's to decide). So every resource carrying the run's expiry is
 * re-tagged with a time a minute ago, through EC2's and ELBv2's own tagging
 * calls; nothing else of the run is touched.
 */
export async function letTtlPass(clients: { readonly ec2: EC2Client; readonly elbv2: ElasticLoadBalancingV2Client }, runId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000).toISOString();
  const expiring = (await ec2TagsOf(clients.ec2, runId)).filter((tag) => tag.Key === TAG.expiresAt).map((tag) => tag.ResourceId ?? '');
  for (let start = 0; start < expiring.length; start += 100) {
    await clients.ec2.send(new CreateTagsCommand({ Resources: expiring.slice(start, start + 100), Tags: [{ Key: TAG.expiresAt, Value: past }] }));
  }
  const { loadBalancers, targetGroups } = await runLeftovers(clients, runId);
  const arns = [...loadBalancers, ...targetGroups];
  if (arns.length > 0) await clients.elbv2.send(new AddTagsCommand({ ResourceArns: arns, Tags: [{ Key: TAG.expiresAt, Value: past }] }));
}
