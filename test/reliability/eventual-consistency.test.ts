import { SCENARIOS } from '../../functions/lab/lab-run';
import { CONSISTENCY_DELAY_SECONDS, eventualConsistency } from './support/conditions';
import { everyScenarioUnder, passedAndClean } from './support/scenario-runs';

test(`with every new resource unknown by its id for ${CONSISTENCY_DELAY_SECONDS} s after its creation, every scenario still passes every lesson, leaves nothing and touches nothing not its own`, async () => {
  const summaries = await everyScenarioUnder(eventualConsistency);

  expect(summaries.map(({ affected: _affected, affectedServices: _services, calls: _calls, ...outcome }) => outcome)).toEqual(SCENARIOS.map(passedAndClean));
  for (const { affected } of summaries) expect(affected).toBeGreaterThan(0);
}, 120_000);
