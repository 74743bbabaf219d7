import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { runTags } from '../../functions/commons/lab-tags';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

const startedExecutions = (): number => lab.cloud.journal.list().filter((call) => call.action === 'StartExecution').length;

test('teardown of a run id with no execution and nothing tagged says so, exits 1 and starts no teardown', async () => {
  const before = startedExecutions();

  const human = await vpceLab('teardown', 'lab-20200101-0000-abcd', '--endpoint', lab.cloud.endpoint);
  expect(human.code).toBe(1);
  expect(human.stdout).toBe('');
  expect(human.stderr).toMatch(/^error: No run lab-20200101-0000-abcd at the endpoint http:\/\/127\.0\.0\.1:\d+: no lab-run execution and no resource tagged with it, so nothing was torn down\. Check the run id with vpce-lab list/);
  expect(human.stderr).not.toContain('Nothing of');

  const json = await lab.cli('teardown', 'lab-20200101-0000-abcd');
  expect(json.code).toBe(1);
  expect(json.stdout).toBe('');
  expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'NoSuchRun', exitCode: 1, message: expect.stringContaining('No run lab-20200101-0000-abcd') } });

  expect(startedExecutions()).toBe(before);
});

test('teardown of a run that has tagged resources but no execution tears them down', async () => {
  const run = { runId: 'lab-20200101-0000-beef', scenario: 'gateway', expiresAt: '2020-01-01T02:00:00.000Z' };
  await lab.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: runTags(run, 'consumer-vpc') }] }));
  expect((await lab.leftovers(run.runId)).vpcs).toHaveLength(1);

  const result = await lab.cli('teardown', run.runId);

  expect(result.code).toBe(0);
  expect(printedJson(result)).toMatchObject({ runId: run.runId, status: 'SUCCEEDED' });
  expect(await lab.leftovers(run.runId)).toEqual(NOTHING_LEFT);
});
