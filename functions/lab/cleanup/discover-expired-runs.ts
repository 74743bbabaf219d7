import { type EC2Client, paginateDescribeInstances, paginateDescribeVpcEndpoints, paginateDescribeVpcEndpointServiceConfigurations, paginateDescribeVpcs, type Tag } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import type { StepDependencies } from '../../commons/lab-step';
import { TAG } from '../../commons/lab-tags';
import { collect } from '../find-or-create';
import { RUN_ID_PATTERN } from '../lab-run';
import { loadBalancersWithTags, targetGroupsWithTags } from '../teardown/elbv2-tagged';
import { stateIs } from '../ec2-states';

/** The cleanup workflow starts discovery with no input of its own (`Parameters: {}`). */
export const discoverExpiredRunsInputSchema = z.strictObject({});

export interface ExpiredRuns {
  /** Sorted, each once. */
  readonly runIds: string[];
}

const MANAGED = [{ Name: `tag:${TAG.managed}`, Values: ['true'] }];

/**
 * The tag sets of every lab-managed EC2 resource that still costs or holds
 * something: VPCs, instances not yet terminated, endpoints not yet deleted,
 * endpoint services not yet deleted.
 */
async function ec2TagSets(ec2: EC2Client): Promise<(readonly Tag[])[]> {
  const query = { client: ec2 };
  const [vpcs, reservations, endpoints, services] = await Promise.all([
    collect(paginateDescribeVpcs(query, { Filters: MANAGED }), (page) => page.Vpcs),
    collect(
      paginateDescribeInstances(query, { Filters: [...MANAGED, { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }] }),
      (page) => page.Reservations,
    ),
    collect(paginateDescribeVpcEndpoints(query, { Filters: MANAGED }), (page) => page.VpcEndpoints),
    collect(paginateDescribeVpcEndpointServiceConfigurations(query, { Filters: MANAGED }), (page) => page.ServiceConfigurations),
  ]);
  return [
    ...vpcs.map((vpc) => vpc.Tags ?? []),
    ...reservations.flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.Tags ?? []),
    ...endpoints.filter((endpoint) => !stateIs(endpoint.State, 'deleted')).map((endpoint) => endpoint.Tags ?? []),
    ...services.filter((service) => !stateIs(service.ServiceState, 'Deleted')).map((service) => service.Tags ?? []),
  ];
}

/**
 * Finds the runs scheduled cleanup must tear down: those with any resource
 * whose `vpce-lab:expires-at` tag lies in the past. Tags are the only source
 * of truth, read from VPCs, instances, VPC endpoints, endpoint services,
 * load balancers and target groups; resources not marked
 * `vpce-lab:managed=true` are never considered. A tag that cannot be read
 * (malformed run id or time) is logged and skipped, never guessed.
 */
export async function discoverExpiredRuns(_input: z.infer<typeof discoverExpiredRunsInputSchema>, { clients, logger, now }: StepDependencies): Promise<ExpiredRuns> {
  const [ec2Tags, balancers, groups] = await Promise.all([ec2TagSets(clients.ec2), loadBalancersWithTags(clients.elbv2), targetGroupsWithTags(clients.elbv2)]);
  const tagSets = [...ec2Tags, ...balancers.map((tagged) => tagged.tags), ...groups.map((tagged) => tagged.tags)];
  const expired = new Set<string>();
  const moment = now().getTime();
  for (const tags of tagSets) {
    const value = (key: string) => tags.find((tag) => tag.Key === key)?.Value;
    if (value(TAG.managed) !== 'true') continue;
    const runId = value(TAG.runId);
    const expiresAt = Date.parse(value(TAG.expiresAt) ?? '');
    if (!runId || !RUN_ID_PATTERN.test(runId) || Number.isNaN(expiresAt)) {
      logger.warn('a lab-managed resource has unreadable run tags; cleanup leaves it alone', { runId, expiresAt: value(TAG.expiresAt) });
      continue;
    }
    if (expiresAt < moment) expired.add(runId);
  }
  return { runIds: [...expired].sort() };
}
