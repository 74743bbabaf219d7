import { CreateVpcCommand } from '@aws-sdk/client-ec2';
import { runTags } from '../../functions/commons/lab-tags';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterEach(() => lab.cloud.runtime.faults.clear());
afterAll(() => lab.lab.close());

const MESSAGE = 'You are not authorized to perform this operation.';

async function runWithVpc(runId: string): Promise<void> {
  const run = { runId, scenario: 'gateway', expiresAt: '2020-01-01T02:00:00.000Z' };
  await lab.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: runTags(run, 'consumer-vpc') }] }));
}

test('a teardown that fails says so in one line, its step, AWS code and message, and exits 1', async () => {
  await runWithVpc('lab-20200101-0000-0001');
  lab.cloud.runtime.faults.add({ service: 'ec2', action: 'DeleteVpc', code: 'UnauthorizedOperation', status: 403, message: MESSAGE });

  const result = await vpceLab('teardown', 'lab-20200101-0000-0001', '--endpoint', lab.cloud.endpoint);

  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✖ Delete networks +[\d.]+s {2}at [\d.]+s$/m);
  expect(result.stdout).toMatch(new RegExp(`^Teardown of lab-20200101-0000-0001 failed: UnauthorizedOperation: ${MESSAGE.replace('.', '\\.')} \\(at Delete networks\\)$`, 'm'));
  expect(result.stdout).not.toContain('"trace"');
});

test('with --json a failed teardown is its result on stdout and one error document on stderr', async () => {
  await runWithVpc('lab-20200101-0000-0002');
  lab.cloud.runtime.faults.add({ service: 'ec2', action: 'DeleteVpc', code: 'UnauthorizedOperation', status: 403, message: MESSAGE });

  const result = await lab.cli('teardown', 'lab-20200101-0000-0002');

  expect(result.code).toBe(1);
  expect(printedJson(result)).toMatchObject({ runId: 'lab-20200101-0000-0002', status: 'FAILED' });
  expect(JSON.parse(result.stderr)).toEqual({ error: { step: 'DeleteNetworks', code: 'UnauthorizedOperation', message: MESSAGE, exitCode: 1 } });
});
