import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTagsCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClients } from '../../functions/commons/aws-clients';
import { RETRYABLE_ERRORS } from '../../functions/commons/lab-errors';
import type { LabStepFunction, StepDependencies } from '../../functions/commons/lab-step';
import { ownedBy, runFilters } from '../../functions/commons/lab-tags';
import { logger } from '../../functions/commons/logger';
import { awaitInstancesTerminated } from '../../functions/lab/teardown/await-instances-terminated';
import { awaitNetworkInterfacesReleased } from '../../functions/lab/teardown/await-network-interfaces-released';
import { deleteEndpointService } from '../../functions/lab/teardown/delete-endpoint-service';
import { deleteLoadBalancer } from '../../functions/lab/teardown/delete-load-balancer';
import { deleteNetworks } from '../../functions/lab/teardown/delete-networks';
import { deleteTargetGroups } from '../../functions/lab/teardown/delete-target-groups';
import { deleteVpcEndpoints } from '../../functions/lab/teardown/delete-vpc-endpoints';
import { terminateInstances } from '../../functions/lab/teardown/terminate-instances';
import type { TeardownInput } from '../../functions/lab/teardown/teardown-input';
import { type LocalCloudFixture, REGION } from './local-cloud-fixture';

/** The teardown's domain functions by state name. */
export const TEARDOWN_STEPS: Record<string, LabStepFunction<TeardownInput, unknown>> = {
  DeleteVpcEndpoints: deleteVpcEndpoints,
  DeleteEndpointService: deleteEndpointService,
  DeleteLoadBalancer: deleteLoadBalancer,
  DeleteTargetGroups: deleteTargetGroups,
  TerminateInstances: terminateInstances,
  AwaitInstancesTerminated: awaitInstancesTerminated,
  AwaitNetworkInterfacesReleased: awaitNetworkInterfacesReleased,
  DeleteNetworks: deleteNetworks,
};

export interface AslRetrier {
  readonly ErrorEquals: string[];
  readonly IntervalSeconds?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly MaxAttempts?: number;
}

export interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Retry?: AslRetrier[];
  readonly Branches?: Asl[];
  readonly [field: string]: unknown;
}

export interface Asl {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
}

export const readAsl = (name: string): Asl => JSON.parse(readFileSync(join(__dirname, '../../statemachine', name), 'utf8')) as Asl;

/** Every state of a definition by name, the states of its Parallel branches included. */
export function allStates(asl: Asl): Record<string, AslState> {
  const states: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(asl.States)) {
    states[name] = state;
    for (const branch of state.Branches ?? []) Object.assign(states, allStates(branch));
  }
  return states;
}

/**
 * The teardown's Task states in an order the state machine may run them:
 * along `Next`, a Parallel's branches one after the other (they are
 * independent, so any such order is one the state machine allows).
 */
export function teardownOrder(asl: Asl = readAsl('teardown.asl.json')): string[] {
  const order: string[] = [];
  for (let name: string | undefined = asl.StartAt; name; name = asl.States[name]?.Next) {
    const state = asl.States[name]!;
    if (state.Type === 'Task') order.push(name);
    for (const branch of state.Branches ?? []) order.push(...teardownOrder(branch));
  }
  return order;
}

/** The retrier a state's NotReady / DependencyStillPresent fall to, if any. */
export const waitRetrier = (state: AslState): AslRetrier | undefined => state.Retry?.find((retrier) => retrier.ErrorEquals.includes('NotReady'));

/** The delay before retry number `attempt` (0-based), as Step Functions computes it without jitter. */
export const retryDelay = (retrier: AslRetrier, attempt: number): number =>
  Math.min((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);

const isRetryable = (error: unknown): boolean => (RETRYABLE_ERRORS as readonly string[]).includes((error as Error).name);

/** Step dependencies with real SDK clients pointed at a local cloud. */
export function localDependencies(local: LocalCloudFixture): StepDependencies {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  return { clients: awsClients({ region: REGION, endpoint: local.cloud.endpoint }), logger, now: () => new Date() };
}

/** How one Task state went: its result, and how often its Retry sent it round again and for how long. */
export interface StateRun {
  readonly result: unknown;
  readonly retries: number;
  readonly waitedSeconds: number;
}

/**
 * Runs the teardown's domain functions in the state machine's order, each
 * retried as its Task state's Retry says (up to MaxAttempts) on NotReady and
 * DependencyStillPresent; `wait` is called with each retry's delay, so a
 * paced cloud can let that much AWS time pass.
 */
export async function tearDownLikeTheStateMachine(runId: string, dependencies: StepDependencies, wait: (seconds: number) => void): Promise<Record<string, StateRun>> {
  const asl = readAsl('teardown.asl.json');
  const states = allStates(asl);
  const runs: Record<string, StateRun> = {};
  for (const name of teardownOrder(asl)) {
    const retrier = waitRetrier(states[name]!);
    let waitedSeconds = 0;
    for (let retries = 0; ; retries++) {
      try {
        runs[name] = { result: await TEARDOWN_STEPS[name]!({ runId }, dependencies), retries, waitedSeconds };
        break;
      } catch (error) {
        if (!isRetryable(error) || !retrier || retries >= (retrier.MaxAttempts ?? 3)) throw error;
        const delay = retryDelay(retrier, retries);
        waitedSeconds += delay;
        wait(delay);
      }
    }
  }
  return runs;
}

/** Every resource still carrying the run's tags, found without the code under test (terminated instances do not count). */
export async function leftovers(local: LocalCloudFixture, runId: string): Promise<string[]> {
  const { ec2, elbv2 } = local;
  const tagged = { Filters: runFilters(runId) };
  const [vpcs, subnets, tables, gateways, groups, instances, endpoints, services, balancers, targetGroups] = await Promise.all([
    ec2.send(new DescribeVpcsCommand(tagged)),
    ec2.send(new DescribeSubnetsCommand(tagged)),
    ec2.send(new DescribeRouteTablesCommand(tagged)),
    ec2.send(new DescribeInternetGatewaysCommand(tagged)),
    ec2.send(new DescribeSecurityGroupsCommand(tagged)),
    ec2.send(new DescribeInstancesCommand(tagged)),
    ec2.send(new DescribeVpcEndpointsCommand(tagged)),
    ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand(tagged)),
    elbv2.send(new DescribeLoadBalancersCommand({})),
    elbv2.send(new DescribeTargetGroupsCommand({})),
  ]);
  const elbv2Arns = [...(balancers.LoadBalancers ?? []).map((balancer) => balancer.LoadBalancerArn!), ...(targetGroups.TargetGroups ?? []).map((group) => group.TargetGroupArn!)];
  const elbv2Tags = [];
  for (let start = 0; start < elbv2Arns.length; start += 20) {
    elbv2Tags.push(...((await elbv2.send(new DescribeTagsCommand({ ResourceArns: elbv2Arns.slice(start, start + 20) }))).TagDescriptions ?? []));
  }
  return [
    ...(vpcs.Vpcs ?? []).map((vpc) => vpc.VpcId),
    ...(subnets.Subnets ?? []).map((subnet) => subnet.SubnetId),
    ...(tables.RouteTables ?? []).map((table) => table.RouteTableId),
    ...(gateways.InternetGateways ?? []).map((gateway) => gateway.InternetGatewayId),
    ...(groups.SecurityGroups ?? []).map((group) => group.GroupId),
    ...(instances.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).filter((instance) => instance.State?.Name !== 'terminated').map((instance) => instance.InstanceId),
    ...(endpoints.VpcEndpoints ?? []).map((endpoint) => endpoint.VpcEndpointId),
    ...(services.ServiceConfigurations ?? []).map((service) => service.ServiceId),
    ...elbv2Tags.filter((description) => ownedBy(description.Tags, runId)).map((description) => description.ResourceArn),
  ].map(String);
}
