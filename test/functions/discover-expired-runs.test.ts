import {
  DescribeInstancesCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type ServiceState,
  type Tag,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { TAG } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/discover-expired-runs';
import { mockEachTest } from './mock-each-test';
import { context, describeTagsFrom, tagsOf, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
const elbv2 = mockEachTest(ElasticLoadBalancingV2Client);

const PAST = '2001-01-01T00:00:00.000Z';
const FUTURE = '2999-01-01T00:00:00.000Z';
const run = (n: number) => `lab-20261126-0112-000${n}`;
const expired = (n: number) => tagsOf(run(n), 'thing', PAST);
const current = (n: number) => tagsOf(run(n), 'thing', FUTURE);
const lb = (name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/net/${name}/0123456789abcdef`;
const tg = (name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:targetgroup/${name}/0123456789abcdef`;

function account(options: { vpcs?: Tag[][]; instances?: Tag[][]; endpoints?: [Tag[], string][]; services?: [Tag[], string][]; balancers?: Tag[][]; groups?: Tag[][] }) {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: (options.vpcs ?? []).map((Tags, i) => ({ VpcId: `vpc-0${i}`, Tags })) });
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: (options.instances ?? []).map((Tags, i) => ({ InstanceId: `i-0${i}`, Tags })) }] });
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: (options.endpoints ?? []).map(([Tags, State], i) => ({ VpcEndpointId: `vpce-0${i}`, State: wireState(State), Tags })) });
  ec2
    .on(DescribeVpcEndpointServiceConfigurationsCommand)
    .resolves({ ServiceConfigurations: (options.services ?? []).map(([Tags, ServiceState], i) => ({ ServiceId: `vpce-svc-0${i}`, ServiceState: ServiceState as ServiceState, Tags })) });
  const balancers = (options.balancers ?? []).map((tags, i) => [lb(`nlb${i}`), tags] as const);
  const groups = (options.groups ?? []).map((tags, i) => [tg(`tg${i}`), tags] as const);
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: balancers.map(([LoadBalancerArn]) => ({ LoadBalancerArn })) });
  elbv2.on(DescribeTargetGroupsCommand).resolves({ TargetGroups: groups.map(([TargetGroupArn]) => ({ TargetGroupArn })) });
  elbv2.on(DescribeTagsCommand).callsFake(describeTagsFrom(Object.fromEntries([...balancers, ...groups]), (message) => new LoadBalancerNotFoundException({ message, $metadata: {} })));
}

test('finds the runs any of whose resources says it has expired, sorted and each once', async () => {
  account({
    vpcs: [expired(3), current(1)],
    instances: [expired(3), current(2)],
    endpoints: [[expired(4), 'available']],
    services: [[expired(5), 'Available']],
    balancers: [expired(6), current(7)],
    // Run 2's target group says it expired even though its instance does not: the run counts as expired.
    groups: [expired(2)],
  });
  await expect(handler({}, context)).resolves.toEqual({ runIds: [run(2), run(3), run(4), run(5), run(6)] });
});

test('only resources marked vpce-lab:managed=true are read, and terminated instances are not asked for', async () => {
  account({ vpcs: [] });
  await handler({}, context);
  const managed = { Name: `tag:${TAG.managed}`, Values: ['true'] };
  expect(ec2.commandCalls(DescribeVpcsCommand)[0]?.args[0].input.Filters).toEqual([managed]);
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]?.args[0].input.Filters).toEqual([managed]);
  expect(ec2.commandCalls(DescribeVpcEndpointServiceConfigurationsCommand)[0]?.args[0].input.Filters).toEqual([managed]);
  expect(ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters).toEqual([
    managed,
    { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] },
  ]);
});

test('ignores load balancers without the managed tag, deleted endpoints and services, and unreadable tags', async () => {
  const unmanaged = expired(1).filter((tag) => tag.Key !== TAG.managed);
  const badTime = tagsOf(run(2), 'thing', 'yesterday');
  const badRunId = tagsOf('lab-../../etc', 'thing', PAST);
  account({
    balancers: [unmanaged, badTime, badRunId],
    endpoints: [[expired(3), 'deleted']],
    services: [[expired(4), 'Deleted']],
  });
  await expect(handler({}, context)).resolves.toEqual({ runIds: [] });
});

test('an input of its own is refused: the workflow passes none', async () => {
  await expect(handler({ runIds: ['lab-20261126-0112-0001'] }, context)).rejects.toMatchObject({ name: 'LabInputInvalid' });
});
