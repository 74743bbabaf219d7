import { SCENARIOS } from '../../functions/lab/lab-run';
import { everyScenarioUnder, passedAndClean } from './support/scenario-runs';
import { seededRandom, seedOf } from './support/seeded-random';
import { leastThrottled, THROTTLED_SHARE, throttling } from './support/conditions';

test(`with ${THROTTLED_SHARE * 100}% of EC2, ELBv2, SSM and Service Quotas calls throttled, every scenario still passes every lesson, leaves nothing and touches nothing not its own`, async () => {
  const summaries = await everyScenarioUnder(throttling((scenario) => seededRandom(seedOf(`throttling/${scenario}`))));

  expect(summaries.map(({ affected: _affected, affectedServices: _services, calls: _calls, ...outcome }) => outcome)).toEqual(SCENARIOS.map(passedAndClean));
  for (const { affected, calls } of summaries) expect(affected).toBeGreaterThanOrEqual(Math.max(1, leastThrottled(calls)));
  // Each service met throttling in some scenario: Service Quotas is read only by Preflight, a few calls a run.
  expect([...new Set(summaries.flatMap((summary) => summary.affectedServices))].sort()).toEqual(['ec2', 'elasticloadbalancing', 'servicequotas', 'ssm']);
}, 300_000);
