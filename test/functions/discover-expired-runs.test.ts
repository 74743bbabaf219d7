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
import { DescribeExecutionCommand, type ExecutionStatus, ExecutionDoesNotExist, SFNClient, SFNServiceException } from '@aws-sdk/client-sfn';
import { TAG } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/discover-expired-runs';
import { logger } from '../../functions/commons/logger';
import { mockEachTest } from './mock-each-test';
import { aslDefinition } from '../support/asl-definition';
import type { Asl } from '../support/teardown-driver';
import { context, describeTagsFrom, tagsOf, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
const elbv2 = mockEachTest(ElasticLoadBalancingV2Client);
const sfn = mockEachTest(SFNClient);

const LAB_RUN = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-lab-run';
const executionOf = (runId: string) => `arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-lab-run:${runId}`;
beforeEach(() => {
  process.env.LAB_RUN_STATE_MACHINE_ARN = LAB_RUN;
  // No run's execution exists unless a test says otherwise: runs started by an older deployment.
  sfn.on(DescribeExecutionCommand).callsFake(({ executionArn }: { executionArn: string }) => {
    throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${executionArn}'`, $metadata: { httpStatusCode: 400 } });
  });
});
afterEach(() => {
  delete process.env.LAB_RUN_STATE_MACHINE_ARN;
  jest.restoreAllMocks();
});

/** The lab-run execution of `runId` answers DescribeExecution with `status`. */
const executionIs = (runId: string, status: ExecutionStatus) =>
  sfn.on(DescribeExecutionCommand, { executionArn: executionOf(runId) }).resolves({ executionArn: executionOf(runId), stateMachineArn: LAB_RUN, status, startDate: new Date() });

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
  await expect(handler({}, context)).resolves.toEqual({ runIds: [run(2), run(3), run(4), run(5), run(6)], leftToExecution: [] });
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
  await expect(handler({}, context)).resolves.toEqual({ runIds: [], leftToExecution: [] });
});

test('an input of its own is refused: the workflow passes none', async () => {
  await expect(handler({ runIds: ['lab-20261126-0112-0001'] }, context)).rejects.toMatchObject({ name: 'LabInputInvalid' });
});

describe('a run whose lab-run execution still runs is left to it', () => {
  test('RUNNING is left to the execution and said so in the output and the log; an execution that ended, or none at all, is torn down', async () => {
    account({ vpcs: [expired(1), expired(2), expired(3), expired(4), expired(5)] });
    executionIs(run(1), 'RUNNING');
    executionIs(run(2), 'SUCCEEDED');
    executionIs(run(3), 'FAILED');
    executionIs(run(4), 'ABORTED');
    // run(5): ExecutionDoesNotExist.
    const info = jest.spyOn(logger, 'info');
    await expect(handler({}, context)).resolves.toEqual({ runIds: [run(2), run(3), run(4), run(5)], leftToExecution: [run(1)] });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('left to their lab-run execution'), { leftToExecution: [run(1)] });
  });

  test('each expired run is asked for by the execution its run id names; none is asked for when nothing expired', async () => {
    account({ vpcs: [expired(1), current(2)], instances: [expired(1)] });
    await handler({}, context);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((call) => call.args[0].input)).toEqual([{ executionArn: executionOf(run(1)) }]);
    sfn.resetHistory();
    account({ vpcs: [current(2)] });
    await expect(handler({}, context)).resolves.toEqual({ runIds: [], leftToExecution: [] });
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });

  test("Step Functions' throttling reaches the workflow by its name, which the DiscoverExpiredRuns state's throttling Retry matches", async () => {
    account({ vpcs: [expired(1)] });
    const throttled = new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    sfn.on(DescribeExecutionCommand).rejects(throttled);
    await expect(handler({}, context)).rejects.toBe(throttled);
    const cleanup = aslDefinition('cleanup.asl.json', { DiscoverExpiredRunsFunctionArn: 'fn', TeardownStateMachineArn: 'sm', CleanupConcurrency: 1 }) as unknown as Asl;
    const retriers = cleanup.States.DiscoverExpiredRuns!.Retry ?? [];
    expect(retriers.find((retrier) => retrier.ErrorEquals.includes(throttled.name))).toMatchObject({ MaxAttempts: expect.any(Number), IntervalSeconds: expect.any(Number) });
  });

  test('any other answer fails discovery loudly rather than tear down a run that may be building; so does a deployment that names no lab-run', async () => {
    account({ vpcs: [expired(1)] });
    sfn.on(DescribeExecutionCommand).rejects(Object.assign(new Error('User is not authorized to perform: states:DescribeExecution'), { name: 'AccessDeniedException' }));
    await expect(handler({}, context)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    delete process.env.LAB_RUN_STATE_MACHINE_ARN;
    await expect(handler({}, context)).rejects.toThrow(/LAB_RUN_STATE_MACHINE_ARN is not set/);
  });
});
