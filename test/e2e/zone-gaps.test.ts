import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { REGION } from '../support/local-cloud-fixture';
import { NOTHING_LEFT } from '../support/run-leftovers';

/**
 * Zone a launches no t3.micro and zone b has no CloudFormation endpoint, so
 * the lab built in the first two zones by name would fail at its first
 * launch; the preflight places it in c and d instead.
 */
let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab({
    zoneGaps: { [`${REGION}a`]: { instanceTypes: ['t3.micro'] }, [`${REGION}b`]: { endpointServices: [`com.amazonaws.${REGION}.cloudformation`] } },
  });
});
afterAll(() => lab.lab.close());

test('a full lab in a region whose first zones lack what it needs passes every lesson in the zones that have it, and nothing remains', async () => {
  const { result, outcome } = await lab.start('--scenario', 'full');

  expect(result.code).toBe(0);
  expect(outcome).toMatchObject({ status: 'SUCCEEDED', report: { passed: true } });
  expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
});
