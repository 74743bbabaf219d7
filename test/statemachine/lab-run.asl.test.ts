import { LATENCY_PROFILE, type LatencyStep } from '../../contract/latency-profile';
import { MAX_ACCEPT_GRACE_SECONDS } from '../../functions/lab/lab-settings';
import { HEALTH_CHECK } from '../../functions/lab/lab-topology';
import { allStates, readAsl, retryDelay, waitRetrier } from '../support/teardown-driver';
import { throttledMaxDelays } from '../../statemachine/throttled-cadence';

const asl = readAsl('lab-run.asl.json');
const STATES = allStates(asl);

/** The before-checks' curl gives up after --max-time 5 (functions/lab/verification/lab-checks.ts). */
const PROBE_TIMEOUT_SECONDS = 5;
const seconds = (...steps: LatencyStep[]): number => steps.reduce((sum, step) => sum + LATENCY_PROFILE[step].seconds, 0);

/** What each wait loop of the build waits on, in AWS seconds from the latency profile. */
const WAITS_ON: Record<string, number> = {
  // Managed once the public instance has booted and its agent's first ping got through over the internet.
  AwaitInstancesManaged: seconds('instanceRunning', 'ssmAgentOnline'),
  CollectBaselineChecks: Math.ceil(seconds('ssmCommandDelivered', 'ssmCommand', 'sshHop')) + PROBE_TIMEOUT_SECONDS,
  AwaitLoadBalancerActive: seconds('loadBalancerActive'),
  // The consumer side gets here while the NLB provisions, well into its three minutes (as in AWS, its name is public DNS once it is active).
  AwaitLoadBalancerActiveForChecks: 20,
  CollectServiceBaselineChecks: Math.ceil(seconds('ssmCommandDelivered', 'ssmCommand', 'sshHop')) + PROBE_TIMEOUT_SECONDS,
  RegisterWebServers: seconds('instanceRunning'),
  AwaitEndpointServiceAvailable: seconds('endpointServiceAvailable'),
  AwaitConnectionAccepted: seconds('notificationDelivered'),
  AwaitServiceEndpointAvailable: seconds('connectionAccepted'),
  // After the service endpoint: whatever is left is a gateway endpoint created last, or an interface endpoint that queued.
  AwaitEveryEndpointAvailable: seconds('gatewayEndpointAvailable'),
  // Reached when registration (minutes) is mostly over: polls at the pace of the initial health checks.
  AwaitTargetsHealthy: HEALTH_CHECK.intervalSeconds * HEALTH_CHECK.healthyThreshold,
  AwaitInterfaceEndpointAvailable: seconds('interfaceEndpointAvailable'),
  AwaitGatewayEndpointsAvailable: seconds('gatewayEndpointAvailable'),
  CollectVerificationChecks: Math.ceil(seconds('ssmCommandDelivered', 'ssmCommand', 'sshHop')),
};

const tasks = Object.entries(STATES).filter(([, state]) => state.Type === 'Task' && state.Resource?.endsWith('FunctionArn}'));

test.each(Object.entries(WAITS_ON))('%s polls again when what it waits on should be done (%i s), never sooner', (name, expected) => {
  const retrier = waitRetrier(STATES[name]!)!;
  expect(retrier.IntervalSeconds).toBe(expected);
  expect(retrier.BackoffRate).toBeGreaterThanOrEqual(1);
});

test('every function Task retries throttling, Lambda’s own transient errors and an SDK call whose connection timed out or was reset', () => {
  for (const [name, state] of tasks) {
    expect({ name, retried: state.Retry?.flatMap((retrier) => retrier.ErrorEquals) }).toEqual({
      name,
      retried: expect.arrayContaining(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'TimeoutError']),
    });
  }
});

test('a step waiting its turn at a busy request bucket keeps asking for longer than 50 labs need to make their 350 endpoints (1,153 s)', () => {
  for (const [name, state] of tasks) {
    const throttling = state.Retry?.find((retrier) => retrier.ErrorEquals.includes('RequestLimitExceeded'));
    // Full jitter waits half the computed delay on average.
    const expectedPatience = Array.from({ length: throttling?.MaxAttempts ?? 0 }, (_, attempt) => retryDelay(throttling!, attempt) / 2).reduce((sum, delay) => sum + delay, 0);
    expect({ name, expectedPatience: expectedPatience > (350 - 4) / 0.3 }).toEqual({ name, expectedPatience: true });
    // Capped (at 20 s, or 5 s for a step with more to wait for after its call: throttled-cadence.test.ts), so a run that has waited long
    // asks as often as its peers instead of falling behind by its own back-off.
    expect({ name, cap: throttling?.MaxDelaySeconds }).toEqual({ name, cap: throttledMaxDelays().get(name) ?? 20 });
  }
});

test('the acceptance wait outlasts the longest grace a deployment may set, and looks once more after it; a missing request is not waited for as long', () => {
  const patience = (error: string): number => {
    const retrier = STATES.AwaitConnectionAccepted!.Retry!.find((candidate) => candidate.ErrorEquals.includes(error))!;
    return Array.from({ length: retrier.MaxAttempts! }, (_, attempt) => retryDelay(retrier, attempt)).reduce((sum, delay) => sum + delay, 0);
  };
  const pollGap = STATES.AwaitConnectionAccepted!.Retry!.find((candidate) => candidate.ErrorEquals.includes('AwaitingAcceptance'))!.MaxDelaySeconds!;
  expect(patience('AwaitingAcceptance')).toBeGreaterThanOrEqual(MAX_ACCEPT_GRACE_SECONDS + pollGap);
  expect(patience('NotReady')).toBeLessThan(MAX_ACCEPT_GRACE_SECONDS / 10);
});

test('the NLB is created before the branches, so the consumer side can probe it by name, once it is active, before its endpoint exists', () => {
  expect(STATES.Preflight!.Next).toBe('ServiceLesson');
  expect(STATES.ServiceLesson!.Choices).toEqual([expect.objectContaining({ Variable: '$.plan.lessons.service', Next: 'BuildProviderNetwork' })]);
  expect([STATES.BuildProviderNetwork!.Next, STATES.CreateLoadBalancer!.Next]).toEqual(['CreateLoadBalancer', 'BuildLab']);
  expect(STATES.BuildLab!.Branches!.map((branch) => branch.StartAt)).toEqual(['BuildConsumerNetwork', 'ProviderLesson']);
  expect(STATES.SendBaselineChecks!.Parameters).toMatchObject({ only: ['gateway', 'interface'] });
  // Both ends of the consumer side's lessons lead to the service baseline, taken once the NLB's name resolves; the gateway endpoints come after the join.
  expect([STATES.InterfaceLesson!.Default, STATES.CreateInterfaceEndpoint!.Next]).toEqual(['ServiceBaselineLesson', 'ServiceBaselineLesson']);
  expect([STATES.GatewayLesson!.Default, STATES.CreateGatewayEndpoints!.Next]).toEqual(['EndpointsCreated', 'EndpointsCreated']);
  expect(STATES.ServiceBaselineLesson!.Choices).toEqual([expect.objectContaining({ Variable: '$.plan.lessons.service', Next: 'AwaitLoadBalancerActiveForChecks' })]);
  expect([STATES.AwaitLoadBalancerActiveForChecks!.Next, STATES.SendServiceBaselineChecks!.Next, STATES.CollectServiceBaselineChecks!.Next]).toEqual([
    'SendServiceBaselineChecks',
    'CollectServiceBaselineChecks',
    'ConsumerSideBuilt',
  ]);
  expect(STATES.SendServiceBaselineChecks!.Parameters).toMatchObject({ only: ['service'], targets: { 'loadBalancerDnsName.$': '$.loadBalancer.dnsName' } });
});

test('the report reads both baselines; a lab without the service lesson brings an empty one', () => {
  expect(STATES.BuildReport!.Parameters).toEqual(
    expect.objectContaining({ 'phases.$': 'States.Array($.branches[0].baselineResults, $.branches[0].serviceBaselineResults, $.verification)' }),
  );
  expect(STATES.NoService!.Parameters).toMatchObject({ serviceBaselineResults: { phase: 'before', results: [] } });
});
