import { StateMachine } from 'aws-local-stepfunctions';
import { LATENCY_PROFILE, type LatencyStep } from '../../contract/latency-profile';
import { functionArnPlaceholder } from '../../contract/lab-names';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { aslDefinition } from '../support/asl-definition';
import { functionArnSubstitutions, labHandlers, useLocalCloudEnvironment } from '../support/lab-handlers';
import { withOwnLocalCloud } from '../support/local-cloud-fixture';
import { halfBuiltLab } from '../support/tagged-lab';
import { allStates, leftovers, readAsl, retryDelay, teardownOrder, waitRetrier } from '../support/teardown-driver';

const asl = readAsl('teardown.asl.json');
const ORDER = teardownOrder(asl);
const STATES = allStates(asl);

/** The states of a sequence: from its first state along `Next`. */
const sequence = (flow: { StartAt: string; States: Record<string, { Next?: string }> }): string[] => {
  const names: string[] = [];
  for (let name: string | undefined = flow.StartAt; name; name = flow.States[name]?.Next) names.push(name);
  return names;
};

test('the endpoints, service and NLB go in dependency order beside the instances, then the networks once their interfaces are released', () => {
  const [release, ...rest] = sequence(asl);
  expect(rest).toEqual(['AwaitNetworkInterfacesReleased', 'DeleteNetworks']);
  expect(asl.States[release!]!.Type).toBe('Parallel');
  expect(asl.States[release!]!.Branches!.map(sequence)).toEqual([
    ['DeleteVpcEndpoints', 'DeleteEndpointService', 'DeleteLoadBalancer', 'DeleteTargetGroups'],
    ['TerminateInstances', 'AwaitInstancesTerminated'],
  ]);
});

test('each Task is a registered function given the run id', () => {
  expect(Object.values(STATES).filter((state) => state.Type === 'Task')).toHaveLength(ORDER.length);
  for (const name of ORDER) {
    const state = STATES[name]!;
    expect(state).toMatchObject({ Type: 'Task', Resource: `\${${functionArnPlaceholder(name)}}`, Parameters: { 'runId.$': '$.runId' } });
    expect(LAB_FUNCTIONS.map((labFunction) => labFunction.id)).toContain(name);
    expect(state.ResultPath === null).toBe(name.startsWith('Await'));
  }
});

/** What each waiting state waits on, in the latency profile. */
const WAITS_ON: Record<string, LatencyStep> = {
  DeleteEndpointService: 'endpointDeleted',
  DeleteLoadBalancer: 'endpointServiceAvailable',
  DeleteTargetGroups: 'loadBalancerDeleted',
  AwaitInstancesTerminated: 'instanceTerminated',
  AwaitNetworkInterfacesReleased: 'eniReleased',
  DeleteNetworks: 'eniReleased',
};

test.each(Object.entries(WAITS_ON))(
  '%s polls again when %s should be over, never faster, and keeps trying for fifteen times as long',
  (name, step) => {
    const retrier = waitRetrier(STATES[name]!)!;
    const seconds = LATENCY_PROFILE[step].seconds;
    expect(retrier.ErrorEquals).toEqual(['NotReady', 'DependencyStillPresent']);
    expect(retrier.IntervalSeconds).toBe(seconds);
    expect(retrier.BackoffRate).toBeGreaterThanOrEqual(1);
    const patience = Array.from({ length: retrier.MaxAttempts! }, (_, attempt) => retryDelay(retrier, attempt)).reduce((sum, delay) => sum + delay, 0);
    expect(patience).toBeGreaterThanOrEqual(15 * seconds);
  },
);

test('the steps that do not wait are not retried on NotReady, and every Task retries throttling, Lambda’s own transient errors and a timed-out SDK connection', () => {
  for (const name of ORDER) {
    const state = STATES[name]!;
    expect(waitRetrier(state) !== undefined).toBe(name in WAITS_ON);
    expect(state.Retry?.at(-1)?.ErrorEquals).toEqual(expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'TimeoutError']));
    expect(state.Retry?.flatMap((retrier) => retrier.ErrorEquals)).toEqual(expect.arrayContaining(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']));
  }
});

test('run by a Step Functions runtime with the registered handlers, it tears a run down and outputs what it deleted', async () => {
  await withOwnLocalCloud(async (local) => {
    useLocalCloudEnvironment(local);
    const run = { runId: 'lab-20261126-0114-ef56', scenario: 'service', expiresAt: '2026-11-26T03:14:00.000Z' };
    const half = await halfBuiltLab(local, run, 7);
    const machine = new StateMachine(aslDefinition('teardown.asl.json', functionArnSubstitutions(ORDER)));
    const execution = machine.run(
      { runId: run.runId, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: 'arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-cleanup:1' },
      { overrides: { taskResourceLocalHandlers: await labHandlers(ORDER), retryIntervalOverrides: Object.fromEntries(ORDER.map((name) => [name, 0])) } },
    );
    await expect(execution.result).resolves.toMatchObject({
      runId: run.runId,
      vpcEndpoints: { vpcEndpointIds: [] },
      endpointServices: { serviceIds: [] },
      loadBalancers: { loadBalancerArns: [expect.stringContaining('/half-7/')] },
      targetGroups: { targetGroupArns: [expect.stringContaining('/half-7/')] },
      instances: { instanceIds: [expect.stringMatching(/^i-/)] },
      networks: { vpcIds: [half.vpcId], internetGatewayIds: expect.arrayContaining([half.looseGatewayId]) },
    });
    await expect(leftovers(local, run.runId)).resolves.toEqual([]);
  });
});

test('a malformed run id fails the execution at its first state', async () => {
  const machine = new StateMachine(aslDefinition('teardown.asl.json', functionArnSubstitutions(ORDER)));
  const execution = machine.run({ runId: 'lab-; rm -rf /' }, { overrides: { taskResourceLocalHandlers: await labHandlers(ORDER) } });
  await expect(execution.result).rejects.toThrow(/LabInputInvalid|a run id looks like/);
});
