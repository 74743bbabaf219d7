import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

interface Listed {
  readonly runs: { runId: string; status: string; startDate?: string; stopDate?: string }[];
}

let lab: E2eLab;
let passed: RunOutcome;
let failed: RunOutcome;
beforeAll(async () => {
  lab = await startE2eLab();
  passed = (await lab.start('--scenario', 'gateway')).outcome;
  // Preflight cannot find the zones: the run fails before it creates anything.
  lab.cloud.runtime.faults.add({ service: 'ec2', action: 'DescribeAvailabilityZones', code: 'UnauthorizedOperation', status: 403, times: 1 });
  failed = (await lab.start('--scenario', 'interface')).outcome;
});
afterAll(() => lab.lab.close());

test('list shows the finished runs, newest first, with how each ended', async () => {
  const result = await lab.cli('list');

  expect(result.code).toBe(0);
  expect(printedJson<Listed>(result).runs).toEqual([
    { runId: failed.runId, status: 'FAILED', startDate: failed.startDate, stopDate: failed.stopDate },
    { runId: passed.runId, status: 'SUCCEEDED', startDate: passed.startDate, stopDate: passed.stopDate },
  ]);
  const table = await vpceLab('list', '--endpoint', lab.cloud.endpoint);
  expect(table.stdout).toMatch(new RegExp(`^${failed.runId} +FAILED .*\\n${passed.runId} +SUCCEEDED `, 'm'));
});

test('status shows a finished run with its report and cost, or with why it failed', async () => {
  const ok = await lab.cli('status', passed.runId);
  expect(ok.code).toBe(0);
  expect(printedJson(ok)).toEqual({ ...passed, currentSteps: [] });

  const notOk = await lab.cli('status', failed.runId);
  expect(notOk.code).toBe(1);
  expect(printedJson(notOk)).toMatchObject({ runId: failed.runId, status: 'FAILED', error: 'UnauthorizedOperation', cause: expect.stringContaining('UnauthorizedOperation'), currentSteps: [] });

  const human = await vpceLab('status', passed.runId, '--endpoint', lab.cloud.endpoint);
  expect(human.stdout).toContain(`Run ${passed.runId} succeeded; nothing of it remains.`);
  expect(human.stdout).toMatch(/PASS/);
});

test('teardown of a run already torn down succeeds, as often as it is asked, and changes nothing', async () => {
  for (const attempt of [1, 2]) {
    const result = await lab.cli('teardown', passed.runId);
    expect({ attempt, code: result.code }).toEqual({ attempt, code: 0 });
    expect(printedJson(result)).toMatchObject({ runId: passed.runId, status: 'SUCCEEDED' });
  }
  expect(await lab.leftovers(passed.runId)).toEqual(NOTHING_LEFT);
  expect(printedJson(await lab.cli('status', passed.runId))).toMatchObject({ status: 'SUCCEEDED' });
});
