import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  type ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { LabStepFailed } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { ownedBy, runTags } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import { elbv2Tags } from '../aws/elbv2-tags';
import { findOrCreate } from '../aws/find-or-create';
import type { LabRun } from '../lab-run';
import type { LoadBalancer, Provider } from '../lab-state';
import { HEALTH_CHECK, LOGICAL, loadBalancerName, targetGroupName, WEB_PORT } from '../lab-topology';
import { isKind } from '../../commons/is-kind';

/** Nothing found by that name: ELBv2 answers a lookup by name with NotFound rather than an empty list. */
async function absentIfNotFound<T>(lookup: () => Promise<T[]>, notFound: new (...args: never[]) => Error): Promise<T[]> {
  try {
    return await lookup();
  } catch (error) {
    if (isKind(error, notFound)) return [];
    throw error;
  }
}

/**
 * ELBv2 names are unique in the account and region, so one found by the
 * run's name is used only if it carries the run's tags: a clash with
 * someone else's resource fails the step instead of borrowing it.
 */
async function requireRunsOwn<T>(elbv2: ElasticLoadBalancingV2Client, run: LabRun, what: string, name: string, found: T[], arnOf: (item: T) => string | undefined): Promise<T[]> {
  for (const item of found) {
    if (!ownedBy(await elbv2Tags(elbv2, answered(arnOf(item), `the ${what}'s ARN`)), run.runId)) {
      throw new LabStepFailed(`an ELBv2 ${what} named ${name} already exists and is not run ${run.runId}'s; delete or rename it, or start a new run`);
    }
  }
  return found;
}

async function ensureLoadBalancer(elbv2: ElasticLoadBalancingV2Client, run: LabRun, provider: Provider) {
  const name = loadBalancerName(run.runId);
  return findOrCreate(
    'load balancer',
    (found) => found.LoadBalancerArn,
    async () => {
      const found = await absentIfNotFound(async () => (await elbv2.send(new DescribeLoadBalancersCommand({ Names: [name] }))).LoadBalancers ?? [], LoadBalancerNotFoundException);
      return requireRunsOwn(elbv2, run, 'load balancer', name, found, (balancer) => balancer.LoadBalancerArn);
    },
    async () => {
      const { LoadBalancers } = await elbv2.send(
        new CreateLoadBalancerCommand({ Name: name, Type: 'network', Scheme: 'internal', Subnets: provider.subnetIds, Tags: runTags(run, LOGICAL.loadBalancer) }),
      );
      return answered(LoadBalancers?.[0], 'the new load balancer');
    },
  );
}

async function ensureTargetGroup(elbv2: ElasticLoadBalancingV2Client, run: LabRun, provider: Provider) {
  const name = targetGroupName(run.runId);
  return findOrCreate(
    'target group',
    (found) => found.TargetGroupArn,
    async () => {
      const found = await absentIfNotFound(async () => (await elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }))).TargetGroups ?? [], TargetGroupNotFoundException);
      return requireRunsOwn(elbv2, run, 'target group', name, found, (group) => group.TargetGroupArn);
    },
    async () => {
      const { TargetGroups } = await elbv2.send(
        new CreateTargetGroupCommand({
          Name: name,
          Protocol: 'TCP',
          Port: WEB_PORT,
          VpcId: provider.vpcId,
          TargetType: 'instance',
          HealthCheckProtocol: 'TCP',
          HealthCheckIntervalSeconds: HEALTH_CHECK.intervalSeconds,
          HealthCheckTimeoutSeconds: HEALTH_CHECK.timeoutSeconds,
          HealthyThresholdCount: HEALTH_CHECK.healthyThreshold,
          Tags: runTags(run, LOGICAL.targetGroup),
        }),
      );
      return answered(TargetGroups?.[0], 'the new target group');
    },
  );
}

/** The TCP 80 listener forwarding to the target group; a load balancer has at most one listener per port. */
async function ensureListener(elbv2: ElasticLoadBalancingV2Client, run: LabRun, loadBalancerArn: string, targetGroupArn: string) {
  const { Listeners } = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn }));
  const existing = Listeners?.find((listener) => listener.Port === WEB_PORT);
  if (existing) return existing;
  const created = await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'TCP',
      Port: WEB_PORT,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      Tags: runTags(run, LOGICAL.listener),
    }),
  );
  return answered(created.Listeners?.[0], 'the new listener');
}

/**
 * CreateLoadBalancer (service lesson): an internal NLB across both provider
 * subnets, a TCP 80 target group of instances (health checked every 10 s,
 * healthy after 2) and a TCP 80 listener forwarding to it. Names derive from
 * the run id, so a retry finds what the first attempt made.
 */
export async function createLoadBalancer(input: { run: LabRun; provider: Provider }, { clients: { elbv2 } }: StepDependencies): Promise<LoadBalancer> {
  const { run, provider } = input;
  const balancer = await ensureLoadBalancer(elbv2, run, provider);
  const group = await ensureTargetGroup(elbv2, run, provider);
  const loadBalancerArn = answered(balancer.LoadBalancerArn, "the load balancer's ARN");
  const targetGroupArn = answered(group.TargetGroupArn, "the target group's ARN");
  const listener = await ensureListener(elbv2, run, loadBalancerArn, targetGroupArn);
  return { loadBalancerArn, dnsName: answered(balancer.DNSName, "the load balancer's DNS name"), targetGroupArn, listenerArn: answered(listener.ListenerArn, "the listener's ARN") };
}
