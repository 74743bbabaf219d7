import { StateMachine } from 'aws-local-stepfunctions';
import { DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { aslDefinition } from '../support/asl-definition';
import { endpointService } from '../support/endpoint-lab';
import { functionArnSubstitutions, labHandlers, useLocalCloudEnvironment } from '../support/lab-handlers';
import { localCloudForTests } from '../support/local-cloud-fixture';
import { halfBuiltLab } from '../support/tagged-lab';
import { type Asl, leftovers, readAsl, teardownOrder } from '../support/teardown-driver';

const TEARDOWN_ARN = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-teardown';
const CLEANUP_EXECUTION = 'arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-cleanup:scheduled-1';
/** The file as the loader sees it, the string placeholders left as they are to be read, the concurrency a number. */
const asl = aslDefinition('cleanup.asl.json', {
  DiscoverExpiredRunsFunctionArn: '${DiscoverExpiredRunsFunctionArn}',
  TeardownStateMachineArn: '${TeardownStateMachineArn}',
  CleanupConcurrency: 7,
}) as unknown as Asl;

test('discovery, then a Map that runs the teardown state machine for each run, at most ${CleanupConcurrency} at once, with a Catch per run', () => {
  expect(asl.StartAt).toBe('DiscoverExpiredRuns');
  expect(asl.States.DiscoverExpiredRuns).toMatchObject({ Type: 'Task', Resource: '${DiscoverExpiredRunsFunctionArn}', Parameters: {}, Next: 'CleanupSettings' });
  // The setting is text in the file (so the file is JSON), read as a number where the Map reads it.
  expect(asl.States.CleanupSettings).toMatchObject({ Type: 'Pass', Parameters: { 'maxConcurrency.$': "States.StringToJson('7')" }, ResultPath: '$.settings', Next: 'TearDownExpiredRuns' });
  const map = asl.States.TearDownExpiredRuns as unknown as {
    ItemsPath: string;
    MaxConcurrencyPath: string;
    ItemProcessor: { StartAt: string; States: Record<string, { Resource?: string; Parameters?: unknown; Catch?: unknown[] }> };
  };
  expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.runIds', MaxConcurrencyPath: '$.settings.maxConcurrency', End: true });
  expect(map.ItemProcessor.States[map.ItemProcessor.StartAt]).toMatchObject({
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Parameters: { StateMachineArn: '${TeardownStateMachineArn}', Input: { 'runId.$': '$.runId', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'TeardownFailed' }],
  });
});

describe('run by a Step Functions runtime against a local cloud', () => {
  const PAST = '2001-01-01T00:00:00.000Z';
  const FUTURE = '2999-01-01T00:00:00.000Z';
  const expiredA = { runId: 'lab-20261126-0112-000a', scenario: 'full', expiresAt: PAST };
  const expiredB = { runId: 'lab-20261126-0112-000b', scenario: 'full', expiresAt: PAST };
  const failing = { runId: 'lab-20261126-0112-000c', scenario: 'full', expiresAt: PAST };
  const current = { runId: 'lab-20261126-0112-000d', scenario: 'full', expiresAt: FUTURE };
  /** Expired, but its lab-run execution is still running (building): left to it. */
  const building = { runId: 'lab-20261126-0112-000e', scenario: 'full', expiresAt: PAST };
  const LAB_RUN = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-lab-run';

  const local = localCloudForTests();
  // The lab-run executions Step Functions knows: only the building run's, RUNNING; the EC2 and ELBv2 calls go to the local cloud.
  const sfn = mockClient(SFNClient);
  afterAll(() => {
    sfn.restore();
    delete process.env.LAB_RUN_STATE_MACHINE_ARN;
  });
  let untagged: { serviceId: string; loadBalancerArn: string };
  let output: unknown;
  let nested: { runId: string; startedBy: string }[];

  beforeAll(async () => {
    useLocalCloudEnvironment(local);
    process.env.LAB_RUN_STATE_MACHINE_ARN = LAB_RUN;
    sfn.on(DescribeExecutionCommand).callsFake(({ executionArn }: { executionArn: string }) => {
      if (executionArn.endsWith(`:${building.runId}`)) return { executionArn, stateMachineArn: LAB_RUN, status: 'RUNNING', startDate: new Date() };
      throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${executionArn}'`, $metadata: {} });
    });
    for (const [n, run] of [expiredA, expiredB, failing, current, building].entries()) await halfBuiltLab(local, run, 10 + n);
    untagged = await endpointService(local, 20, { acceptanceRequired: true });

    const teardownStates = teardownOrder(readAsl('teardown.asl.json'));
    const teardown = new StateMachine(aslDefinition('teardown.asl.json', functionArnSubstitutions(teardownStates)));
    const teardownHandlers = await labHandlers(teardownStates);
    nested = [];
    // Stands in for startExecution.sync:2: runs the teardown state machine and answers as DescribeExecution does.
    const startExecutionSync = async (input: { StateMachineArn: string; Input: { runId: string; AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: string } }) => {
      expect(input.StateMachineArn).toBe(TEARDOWN_ARN);
      nested.push({ runId: input.Input.runId, startedBy: input.Input.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID });
      if (input.Input.runId === failing.runId) throw Object.assign(new Error('the teardown execution failed'), { name: 'States.TaskFailed' });
      const result = await teardown.run(input.Input, { overrides: { taskResourceLocalHandlers: teardownHandlers, retryIntervalOverrides: Object.fromEntries(teardownStates.map((name) => [name, 0])) } }).result;
      return { ExecutionArn: `${TEARDOWN_ARN.replace(':stateMachine:', ':execution:')}:${input.Input.runId}`, Status: 'SUCCEEDED', Output: result };
    };
    const cleanup = new StateMachine(aslDefinition('cleanup.asl.json', { ...functionArnSubstitutions(['DiscoverExpiredRuns']), TeardownStateMachineArn: TEARDOWN_ARN, CleanupConcurrency: 2 }));
    output = await cleanup.run(
      {},
      {
        overrides: { taskResourceLocalHandlers: { ...(await labHandlers(['DiscoverExpiredRuns'])), TearDownRun: startExecutionSync as never } },
        // Step Functions gives every execution its context object; this runtime is handed it.
        context: { Execution: { Id: CLEANUP_EXECUTION } },
      },
    ).result;
  });

  test('tears down exactly the expired runs, each as a nested execution started by the cleanup', async () => {
    expect(nested.map((call) => call.runId).sort()).toEqual([expiredA.runId, expiredB.runId, failing.runId]);
    expect(nested.every((call) => call.startedBy === CLEANUP_EXECUTION)).toBe(true);
    await expect(leftovers(local, expiredA.runId)).resolves.toEqual([]);
    await expect(leftovers(local, expiredB.runId)).resolves.toEqual([]);
    expect((await leftovers(local, current.runId)).length).toBeGreaterThan(0);
  });

  test('an expired run whose lab-run execution still runs is left to it: not torn down, and listed as such', async () => {
    expect(nested.map((call) => call.runId)).not.toContain(building.runId);
    expect(output).toMatchObject({ leftToExecution: [building.runId] });
    expect((await leftovers(local, building.runId)).length).toBeGreaterThan(0);
  });

  test('a failing teardown is recorded in the output and does not stop the others', async () => {
    expect(output).toEqual({
      runIds: [expiredA.runId, expiredB.runId, failing.runId],
      leftToExecution: [building.runId],
      // The concurrency the Map ran at, read as a number from the setting.
      settings: { maxConcurrency: 2 },
      teardowns: [
        { runId: expiredA.runId, teardown: { executionArn: expect.stringContaining(expiredA.runId), status: 'SUCCEEDED' } },
        { runId: expiredB.runId, teardown: { executionArn: expect.stringContaining(expiredB.runId), status: 'SUCCEEDED' } },
        { runId: failing.runId, failure: { Error: 'States.TaskFailed', Cause: expect.stringContaining('the teardown execution failed') } },
      ],
    });
    expect((await leftovers(local, failing.runId)).length).toBeGreaterThan(0);
  });

  test('untagged resources are never touched', async () => {
    const { LoadBalancers } = await local.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [untagged.loadBalancerArn] }));
    await expect(local.ec2.send(new DescribeVpcsCommand({ VpcIds: [LoadBalancers![0]!.VpcId!] }))).resolves.toMatchObject({ Vpcs: [{}] });
    await expect(local.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [untagged.serviceId] }))).resolves.toMatchObject({
      ServiceConfigurations: [{ ServiceState: 'Available' }],
    });
  });
});
