import { printedJson } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { type ForeignResources, OTHER_RUN, seedForeignResources, settledForeign, touchedForeign } from './support/foreign-resources';

/**
 * Resources that are not a run's own, made before anything runs: untagged
 * (a VPC with subnets, a web server behind an NLB, an endpoint service and
 * endpoints to it, to S3 and to CloudFormation), another live run's, and one
 * tagged like an expired run but not marked as managed. Every command that
 * removes things runs, on its own runs and on ones that do not exist; then
 * every foreign resource is described again and compared.
 */
let lab: E2eLab;
let foreign: ForeignResources;
let before: Map<string, unknown>;
beforeAll(async () => {
  lab = await startE2eLab();
  foreign = await seedForeignResources(lab, 200);
  before = await settledForeign(lab, foreign);
});
afterAll(() => lab.lab.close());

test('a lab run, a run failing half-way, teardown of its own run, of a run that never was and cleanup leave every foreign resource as it was', async () => {
  const passed = await lab.start('--scenario', 'full');
  lab.cloud.runtime.faults.add({ service: 'ec2', action: 'CreateVpcEndpoint', code: 'UnauthorizedOperation', status: 403, after: 2 });
  const failed = await lab.start('--scenario', 'full');
  lab.cloud.runtime.faults.clear();

  expect([passed.outcome.status, failed.outcome.status]).toEqual(['SUCCEEDED', 'FAILED']);
  for (const runId of [passed.outcome.runId, failed.outcome.runId]) {
    expect({ runId, code: (await lab.cli('teardown', runId)).code }).toEqual({ runId, code: 0 });
  }
  // A run id that names nothing (one a character off a foreign run's among them) is refused, touching nothing.
  for (const runId of ['lab-20200101-0000-dead', OTHER_RUN.runId.replace(/.$/, '0')]) {
    expect({ runId, code: (await lab.cli('teardown', runId)).code }).toEqual({ runId, code: 1 });
  }
  expect(printedJson(await lab.cli('cleanup'))).toMatchObject({ status: 'SUCCEEDED', output: { runIds: [] } });
  expect(await lab.leftovers(passed.outcome.runId)).toEqual(NOTHING_LEFT);
  expect(await lab.leftovers(failed.outcome.runId)).toEqual(NOTHING_LEFT);

  const after = await settledForeign(lab, foreign);
  expect(touchedForeign(before, after)).toEqual([]);
  expect(after.size).toBe(before.size);
  expect(before.size).toBeGreaterThan(20);
});
