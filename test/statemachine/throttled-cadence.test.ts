import { batchBound, drawingSteps } from '../../statemachine/batch-bound';
import { THROTTLED_MAX_DELAY_SECONDS } from '../../statemachine/asl/retry-policy';
import { askingCadence, throttledMaxDelays } from '../../statemachine/throttled-cadence';
import { allStates, readAsl } from '../support/teardown-driver';

const STATES = { ...allStates(readAsl('lab-run.asl.json')), ...allStates(readAsl('teardown.asl.json')) };
const throttledRetrier = (state: string) => STATES[state]?.Retry?.find((retrier) => retrier.ErrorEquals.includes('RequestLimitExceeded'));

test('when runs queue for CreateVpcEndpoint, the endpoints with the most to wait for after them ask four times as often as the gateway endpoints, whose tail is the one the batch bound assumes last', () => {
  const onBucket = drawingSteps('full').filter((drawer) => drawer.buckets.has('ec2:CreateVpcEndpoint'));
  const shortest = onBucket.reduce((best, drawer) => (drawer.tailSeconds < best.tailSeconds ? drawer : best));
  expect(shortest.step.states[0]).toBe('CreateGatewayEndpoints');
  expect(shortest.tailSeconds).toBe(batchBound('full', 50).tailSeconds);
  expect(Object.fromEntries(onBucket.map((drawer) => [drawer.step.states[0], askingCadence(drawer.step.states[0]!)]))).toEqual({
    CreateGatewayEndpoints: THROTTLED_MAX_DELAY_SECONDS,
    CreateInterfaceEndpoint: THROTTLED_MAX_DELAY_SECONDS / 4,
    CreateServiceEndpoint: THROTTLED_MAX_DELAY_SECONDS / 4,
  });
});

test('every cadence is in the generated workflows, at the state that makes the calls, and a faster one asks more times for the same patience', () => {
  for (const [state, delay] of throttledMaxDelays()) {
    const retrier = throttledRetrier(state);
    expect({ state, maxDelay: retrier?.MaxDelaySeconds, patience: (retrier?.MaxAttempts ?? 0) * delay }).toEqual({ state, maxDelay: delay, patience: 150 * THROTTLED_MAX_DELAY_SECONDS });
  }
  // A state that draws on no small bucket is refused a cadence, so a renamed state cannot silently lose its own.
  expect(() => askingCadence('AwaitTargetsHealthy')).toThrow('draws on no small request bucket');
});

test('the gateway endpoints are created after the join, behind the service endpoint, so that nothing before the join waits on the last tokens', () => {
  const consumerSide = readAsl('lab-run.asl.json').States.BuildLab?.Branches?.[0];
  expect(Object.keys(consumerSide?.States ?? {})).not.toContain('CreateGatewayEndpoints');
  expect(STATES.CreateServiceEndpoint?.Next).toBe('GatewayLesson');
  expect(STATES.CreateGatewayEndpoints?.Next).toBe('EndpointsCreated');
});
