import { criticalPath, criticalStates } from '../../statemachine/critical-path';
import { LAB_GRAPH } from '../../statemachine/lab-graph';
import { throttleFloor } from '../../statemachine/throttle-floor';
import { batchBound, mostRunsWithin } from '../../statemachine/batch-bound';
import { allStates, readAsl } from '../support/teardown-driver';

test.each([
  ['full', 383.5, 180],
  ['service', 383.5, 180],
  ['interface', 182, 180],
  ['gateway', 67, 180],
] as const)('the %s lab cannot be verified sooner than %i s nor torn down sooner than %i s', (scenario, build, teardown) => {
  expect(criticalPath(scenario, 'build').boundSeconds).toBe(build);
  expect(criticalPath(scenario, 'teardown').boundSeconds).toBe(teardown);
});

test("a full lab waits on the NLB and its targets' registration and health checks; its teardown on the instances and their interfaces", () => {
  expect(criticalPath('full', 'build').critical.map((planned) => planned.step.id)).toEqual([
    'preflight',
    'providerNetwork',
    'loadBalancer',
    'loadBalancerActive',
    'targetsHealthy',
    'verification',
  ]);
  expect(criticalPath('full', 'teardown').critical.map((planned) => planned.step.id)).toEqual(['instances', 'instanceInterfaces', 'networks']);
  expect([...criticalStates(criticalPath('full', 'build'))]).toEqual(expect.arrayContaining(['AwaitLoadBalancerActive', 'RegisterWebServers', 'AwaitTargetsHealthy']));
});

test('every workflow state the graph names exists in the state machines, so the timeline finds each step', () => {
  const states = { ...allStates(readAsl('lab-run.asl.json')), ...allStates(readAsl('teardown.asl.json')) };
  const named = Object.values(LAB_GRAPH).flatMap((steps) => steps.flatMap((step) => step.states));
  expect(named.filter((state) => !(state in states))).toEqual([]);
});

test('the throttle floor is the slowest bucket: n calls through a bucket of capacity C refilling r a second take (n - C) / r', () => {
  expect(throttleFloor({ 'ec2:CreateVpcEndpoint': 350, 'ec2:CreateVpc': 100 })).toMatchObject({ bucket: 'ec2:CreateVpcEndpoint', calls: 350, seconds: (350 - 4) / 0.3 });
  expect(throttleFloor({ 'elasticloadbalancing:DescribeTags': 440 })).toMatchObject({ bucket: 'elbv2:account', seconds: (440 - 40) / 10 });
  expect(throttleFloor({ 'sts:GetCallerIdentity': 1000 })).toMatchObject({ seconds: 0 });
});

test("a few runs at once are bound by one run's critical path; many, by the least time to a run's first endpoint, CreateVpcEndpoint's bucket and the shortest tail after an endpoint is created", () => {
  const one = criticalPath('full', 'build').boundSeconds + criticalPath('full', 'teardown').boundSeconds;
  expect(batchBound('full', 1)).toEqual({ runs: 1, seconds: one, oneRunSeconds: one });
  // Ten runs' 40 endpoints are all made (40 - 4) / 0.3 s in, long before the NLB's targets are healthy: one run's path bounds them.
  expect(batchBound('full', 10)).toEqual({ runs: 10, seconds: one, oneRunSeconds: one });
  // Fifty labs ask for 200 endpoints (4 each, none for SSM), none before a run's baseline is taken (the network, the instances managed, the checks);
  // the last can be a gateway endpoint, with only its wait, the verification and teardown after it.
  const baseline = criticalPath('full', 'build').steps.find((planned) => planned.step.id === 'baseline')!.earliestEnd;
  expect(batchBound('full', 50)).toMatchObject({ bucket: 'ec2:CreateVpcEndpoint', tokens: 200, headSeconds: baseline, seconds: baseline + (200 - 4) / 0.3 + 188.5 });
});

test('45 full runs fit within 1.5 times one run under AWS limits, 46 do not; fifty stay within twice one run', () => {
  expect(mostRunsWithin('full', 1.5)).toBe(45);
  expect(batchBound('full', 46).seconds).toBeGreaterThan(1.5 * batchBound('full', 46).oneRunSeconds);
  expect(batchBound('full', 50).seconds).toBeLessThanOrEqual(2.0 * batchBound('full', 50).oneRunSeconds);
});
