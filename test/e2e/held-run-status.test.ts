import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { ttlFloor } from '../../cli/run-request';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { type HeldRun, holdRun } from '../support/held-runs';
import { NOTHING_LEFT } from '../support/run-leftovers';

interface Listed {
  readonly runs: { runId: string; scenario?: string; state: string; resourcesLeft: number }[];
}

let lab: E2eLab;
let held: HeldRun;
let stopped = false;

/** A student ending the lab early: the hold is skipped, and the run ends ABORTED with its lab still built. */
async function stop(): Promise<void> {
  stopped = true;
  await lab.sfn.send(new StopExecutionCommand({ executionArn: held.executionArn }));
  await held.finished();
}

beforeAll(async () => {
  lab = await startE2eLab();
  held = await holdRun(lab, 'gateway', ttlFloor('gateway').text);
}, 60_000);
afterAll(async () => {
  if (!stopped) await stop();
  await lab.lab.close();
});

test('status of a held run shows until when it is held, the resources it holds and its report, and exits 0', async () => {
  const result = await vpceLab('status', held.runId, '--endpoint', lab.cloud.endpoint);

  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^Run ${held.runId} \\(gateway\\) is holding its lab until \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(\\d+ min from now\\); then it is torn down, or now with vpce-lab teardown ${held.runId}\\.$`, 'm'));
  const holds = Number(/It holds (\d+) resource\(s\) tagged with it:/.exec(result.stdout)?.[1]);
  expect(holds).toBeGreaterThan(0);
  expect(result.stdout).toMatch(/^ {2}vpc +1 {2}vpc-[0-9a-f]+$/m);
  expect(result.stdout).toMatch(/^ {2}vpc-endpoint +2 /m);
  expect(result.stdout).toMatch(/^ {2}instance +2 /m);
  expect(result.stdout).toContain(`Verification of ${held.runId} (gateway)`);

  const json = printedJson<{ expiresAt: string; resources: unknown[] }>(await lab.cli('status', held.runId));
  expect(json.resources).toHaveLength(holds);
});

test('start --keep returns once the lab is built: what status shows of a held run, and where it holds', async () => {
  const json = held.outcome as unknown as { holding: boolean; resources: unknown[] };
  expect(json.holding).toBe(true);
  expect(json.resources.length).toBeGreaterThan(0);

  const other = await vpceLab('start', '--scenario', 'gateway', '--keep', '--ttl', ttlFloor('gateway').text, '--endpoint', lab.cloud.endpoint);
  const runId = /Run (lab-\S+) \(gateway\) is holding its lab until/.exec(other.stdout)?.[1] ?? '';
  try {
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/It holds \d+ resource\(s\) tagged with it:/);
    expect(other.stdout).toContain(`It holds in the endpoint ${lab.cloud.endpoint}; see it again with vpce-lab status ${runId}.`);
  } finally {
    if (runId) {
      await lab.sfn.send(new StopExecutionCommand({ executionArn: printedJson<{ executionArn: string }>(await lab.cli('status', runId)).executionArn }));
      expect((await lab.cli('teardown', runId)).code).toBe(0);
    }
  }
});

test('list shows the held run as HOLDING, with its scenario and how many resources it holds', async () => {
  const listed = printedJson<Listed>(await lab.cli('list')).runs.find((run) => run.runId === held.runId);
  expect(listed).toMatchObject({ scenario: 'gateway', state: 'HOLDING' });
  expect(listed?.resourcesLeft).toBeGreaterThan(0);
  const table = await vpceLab('list', '--endpoint', lab.cloud.endpoint);
  expect(table.stdout).toMatch(new RegExp(`^${held.runId} +gateway +HOLDING +${listed?.resourcesLeft} `, 'm'));
});

test('a held run that was stopped has status exit 1, saying it was aborted and what of it remains, until its teardown leaves nothing', async () => {
  const holds = printedJson<Listed>(await lab.cli('list')).runs.find((run) => run.runId === held.runId)?.resourcesLeft;
  await stop();

  const status = await vpceLab('status', held.runId, '--endpoint', lab.cloud.endpoint);
  expect(status.code).toBe(1);
  expect(status.stdout).toMatch(new RegExp(`^Run ${held.runId} aborted after [\\d.]+ s\\.\n${holds} resource\\(s\\) tagged with it remain \\(see vpce-lab list\\); remove them with vpce-lab teardown ${held.runId}\\.$`, 'm'));
  expect(printedJson<Listed>(await lab.cli('list')).runs.find((run) => run.runId === held.runId)).toMatchObject({ state: 'ABORTED', resourcesLeft: holds });

  expect((await lab.cli('teardown', held.runId)).code).toBe(0);

  expect(await lab.leftovers(held.runId)).toEqual(NOTHING_LEFT);
  expect(printedJson<Listed>(await lab.cli('list')).runs.find((run) => run.runId === held.runId)?.resourcesLeft).toBe(0);
});
