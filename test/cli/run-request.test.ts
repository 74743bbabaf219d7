import { criticalPath } from '../../statemachine/critical-path';
import { newRun, parseTtl, ttlFloor, ttlMillisFor } from '../../cli/run-request';
import { SCENARIOS, type Scenario } from '../../functions/lab/lab-run';
import { vpceLab } from '../support/cli-runner';

const MINUTE = 60_000;

/** What the floor must be: the scenario's build bound on AWS, doubled, in whole minutes (never a number written here: the latency profile changes). */
const expectedFloorMinutes = (scenario: Scenario): number => Math.ceil((2 * criticalPath(scenario, 'build').boundSeconds) / 60);

test.each(SCENARIOS.map((scenario) => [scenario]))('the floor of %s is twice its build bound, rounded up to whole minutes, and above the bound', (scenario) => {
  const floor = ttlFloor(scenario);
  expect(floor).toMatchObject({ millis: expectedFloorMinutes(scenario) * MINUTE, text: `${expectedFloorMinutes(scenario)}m`, buildSeconds: criticalPath(scenario, 'build').boundSeconds });
  expect(floor.millis).toBeGreaterThan(floor.buildSeconds * 1000);
});

test('the floor of gateway is lower than that of full: it builds no NLB', () => {
  expect(ttlFloor('gateway').millis).toBeLessThan(ttlFloor('full').millis);
});

test('a TTL a minute under the full floor is refused, naming the floor, the build bound and the value given; the floor itself is taken', () => {
  const floor = expectedFloorMinutes('full');
  const short = `${floor - 1}m`;
  expect(() => ttlMillisFor('full', parseTtl(short))).toThrow(
    expect.objectContaining({
      name: 'UsageError',
      message: expect.stringMatching(new RegExp(`^the TTL must be at least ${floor}m for the full scenario: its build takes \\d+m( [\\d.]+s)? on AWS at its typical latencies \\(.+\\); got '${short}'\\.$`)),
    }),
  );
  expect(ttlMillisFor('full', parseTtl(`${floor}m`))).toBe(floor * MINUTE);
  // The same TTL is enough for the scenario with the shorter build.
  expect(ttlMillisFor('gateway', parseTtl(`${floor - 1}m`))).toBe((floor - 1) * MINUTE);
});

test('newRun refuses a TTL under the floor too, whoever makes the run', () => {
  const request = { scenario: 'full' as const, keep: false, region: 'ap-northeast-2' };
  expect(() => newRun({ ...request, ttlMs: ttlFloor('full').millis - MINUTE }, new Date())).toThrow(/the TTL must be at least/);
  expect(newRun({ ...request, ttlMs: ttlFloor('full').millis }, new Date(0)).expiresAt).toBe(new Date(ttlFloor('full').millis).toISOString());
});

test('the TTL keeps its ceiling of 7d, and a value that is no duration is refused as before', () => {
  expect(parseTtl('7d').millis).toBe(7 * 24 * 60 * MINUTE);
  expect(() => parseTtl('8d')).toThrow("the TTL must be at most 7d, got '8d'.");
  expect(() => parseTtl('soon')).toThrow("expected a duration such as 30m, 2h or 1d, got 'soon'.");
});

test('vpce-lab start checks the floor of the scenario given, after both options are parsed, before connecting anywhere', async () => {
  const floor = expectedFloorMinutes('full');
  // Nothing listens on port 1: a command that connected would fail with exit 1, not 2.
  const at = ['--endpoint', 'http://127.0.0.1:1'];
  const refused = await vpceLab('start', '--ttl', `${floor - 1}m`, '--scenario', 'full', ...at);
  expect(refused).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(`error: the TTL must be at least ${floor}m for the full scenario`) });
  const byDefault = await vpceLab('start', '--ttl', `${floor - 1}m`, ...at);
  expect(byDefault.stderr).toContain(`at least ${floor}m for the full scenario`);
  const gateway = await vpceLab('start', '--scenario', 'gateway', '--ttl', `${expectedFloorMinutes('gateway') - 1}m`, ...at);
  expect(gateway).toMatchObject({ code: 2, stderr: expect.stringContaining(`at least ${expectedFloorMinutes('gateway')}m for the gateway scenario`) });
});
