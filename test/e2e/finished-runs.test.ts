import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

interface Listed {
  readonly runs: { runId: string; scenario?: string; state: string; status: string; resourcesLeft: number; startDate?: string; stopDate?: string }[];
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

test('list shows the finished runs, newest first, with their scenario, how each ended and that nothing of them is left', async () => {
  const result = await lab.cli('list');

  expect(result.code).toBe(0);
  expect(printedJson<Listed>(result).runs).toEqual([
    { runId: failed.runId, scenario: 'interface', state: 'FAILED', status: 'FAILED', resourcesLeft: 0, startDate: failed.startDate, stopDate: failed.stopDate },
    { runId: passed.runId, scenario: 'gateway', state: 'SUCCEEDED', status: 'SUCCEEDED', resourcesLeft: 0, startDate: passed.startDate, stopDate: passed.stopDate },
  ]);
  const table = await vpceLab('list', '--endpoint', lab.cloud.endpoint);
  expect(table.stdout).toMatch(/^RUN +SCENARIO +STATE +LEFT +STARTED +STOPPED$/m);
  expect(table.stdout).toMatch(new RegExp(`^${failed.runId} +interface +FAILED +0 .*\\n${passed.runId} +gateway +SUCCEEDED +0 `, 'm'));
});

test('status shows a finished run with its report and cost, or, exiting 1, with why it failed', async () => {
  const ok = await lab.cli('status', passed.runId);
  expect(ok.code).toBe(0);
  expect(printedJson(ok)).toEqual({ ...passed, currentSteps: [] });

  const notOk = await lab.cli('status', failed.runId);
  expect(notOk.code).toBe(1);
  expect(printedJson(notOk)).toMatchObject({ runId: failed.runId, status: 'FAILED', error: 'UnauthorizedOperation', cause: expect.stringContaining('UnauthorizedOperation'), currentSteps: [] });

  const human = await vpceLab('status', passed.runId, '--endpoint', lab.cloud.endpoint);
  expect(human.stdout).toMatch(new RegExp(`^Run ${passed.runId} succeeded in [\\d.]+ s; nothing of it remains\\.$`, 'm'));
  expect(human.stdout).toMatch(/PASS/);

  const humanFailed = await vpceLab('status', failed.runId, '--endpoint', lab.cloud.endpoint);
  expect(humanFailed.code).toBe(1);
  expect(humanFailed.stdout).toMatch(new RegExp(`^Run ${failed.runId} failed at Preflight after [\\d.]+ s: UnauthorizedOperation: .+$`, 'm'));
  expect(humanFailed.stdout).not.toContain('"trace"');
  // The preflight creates nothing: there is nothing to pay for.
  expect(humanFailed.stdout).toContain('would cost nothing: it ended before it built anything AWS bills for.');
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
