import { SCENARIOS } from '../../functions/lab/lab-run';
import { everyScenarioUnder, passedAndClean } from './support/scenario-runs';
import { seededRandom, seedOf } from './support/seeded-random';
import { leastThrottled, THROTTLED_SHARE, throttling } from './support/conditions';

test(`with ${THROTTLED_SHARE * 100}% of EC2, ELBv2 and SSM calls throttled, every scenario still passes every lesson, leaves nothing and touches nothing not its own`, async () => {
  const summaries = await everyScenarioUnder(throttling((scenario) => seededRandom(seedOf(`throttling/${scenario}`))));

  expect(summaries.map(({ affected: _affected, calls: _calls, ...outcome }) => outcome)).toEqual(SCENARIOS.map(passedAndClean));
  for (const { affected, calls } of summaries) expect(affected).toBeGreaterThanOrEqual(Math.max(1, leastThrottled(calls)));
}, 300_000);
