import { type EC2Client, paginateDescribeInstances, paginateDescribeVpcEndpoints, paginateDescribeVpcEndpointServiceConfigurations, paginateDescribeVpcs, type Tag } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { isKind } from '../../commons/is-kind';
import type { StepDependencies } from '../../commons/lab-step';
import { TAG } from '../../commons/lab-tags';
import { collect } from '../../commons/collect-pages';
import { labRunExecutionArn, RUN_ID_PATTERN } from '../lab-run';
import { labSettings } from '../lab-settings';
import { loadBalancersWithTags, targetGroupsWithTags } from '../teardown/elbv2-tagged';
import { INSTANCE_NOT_TERMINATED, stateIs } from '../aws/ec2-states';

/** The cleanup workflow starts discovery with no input of its own (`Parameters: {}`). */
export const discoverExpiredRunsInputSchema = z.strictObject({});

export interface ExpiredRuns {
  /** The expired runs cleanup tears down: sorted, each once. */
  readonly runIds: string[];
  /**
   * Expired runs whose lab-run execution is still RUNNING, left to it: it may
   * still be building, and its hold ends at the run's expiry, after which it
   * tears the run down itself. Sorted, each once; a later cleanup takes any
   * whose execution ended without tearing down (stopped, crashed).
   */
  readonly leftToExecution: string[];
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
      paginateDescribeInstances(query, { Filters: [...MANAGED, { Name: 'instance-state-name', Values: [...INSTANCE_NOT_TERMINATED] }] }),
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

/** The lab-run state machine whose executions say which runs are still running; without it cleanup cannot tell, and fails rather than guess. */
function labRunStateMachineArn(): string {
  const arn = labSettings().labRunStateMachineArn;
  if (!arn) throw new Error('LAB_RUN_STATE_MACHINE_ARN is not set: cleanup cannot tell whether an expired run is still being built by its lab-run execution');
  return arn;
}

/**
 * Whether a run's lab-run execution is still RUNNING: one DescribeExecution
 * of the execution named by its run id. Cheaper than ListExecutions here:
 * nothing is asked when no run has expired (most schedules), and one call per
 * expired run, however many other runs are running. An execution that does
 * not exist (a run started by an older deployment, or its history gone after
 * the 90 days Step Functions keeps it) is not running.
 */
async function executionRunning(sfn: SFNClient, stateMachineArn: string, runId: string): Promise<boolean> {
  try {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: labRunExecutionArn(stateMachineArn, runId) }));
    return status === 'RUNNING';
  } catch (error) {
    if (isKind(error, ExecutionDoesNotExist)) return false;
    throw error;
  }
}

/**
 * Finds the runs scheduled cleanup must tear down: those with any resource
 * whose `vpce-lab:expires-at` tag lies in the past, unless their lab-run
 * execution is still running (left to it, and listed as such). Tags are the
 * only source of truth about what exists, read from VPCs, instances, VPC
 * endpoints, endpoint services, load balancers and target groups; resources
 * not marked `vpce-lab:managed=true` are never considered. A tag that cannot
 * be read (malformed run id or time) is logged and skipped, never guessed.
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
  const candidates = [...expired].sort();
  if (candidates.length === 0) return { runIds: [], leftToExecution: [] };
  // A handful at most, asked at once: every run holds at least one VPC of the five a region allows by default.
  const stateMachineArn = labRunStateMachineArn();
  const running = await Promise.all(candidates.map((runId) => executionRunning(clients.sfn, stateMachineArn, runId)));
  const leftToExecution = candidates.filter((_runId, i) => running[i]);
  if (leftToExecution.length > 0) {
    logger.info('expired runs left to their lab-run execution, which is still running and tears each down when its hold ends', { leftToExecution });
  }
  return { runIds: candidates.filter((_runId, i) => !running[i]), leftToExecution };
}
