import { RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { BATCH_ID_PATTERN, RUN_ID_PATTERN } from '../../functions/lab/lab-run';
import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

interface PrintedBatch {
  readonly batchId: string;
  readonly runs: (RunOutcome & { holding: boolean })[];
}

interface ListedBatch {
  readonly batchId: string;
  readonly runs: { runId: string; batchId?: string; state: string; resourcesLeft: number }[];
}

interface PlanLine {
  readonly quotaCode: string;
  readonly needed: number;
  readonly increase?: string;
}

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

/** Asks for every increase `plan --runs N` prints, as an instructor would. */
async function raiseQuotasFor(runs: number, scenario: string): Promise<void> {
  const plan = printedJson<{ quotas: PlanLine[] }>(await lab.cli('plan', '--runs', String(runs), '--scenario', scenario));
  const quotas = new ServiceQuotasClient({ region: 'ap-northeast-2', endpoint: lab.cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    for (const line of plan.quotas.filter((quota) => quota.increase)) {
      const serviceCode = /--service-code (\S+)/.exec(line.increase!)![1]!;
      await quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: serviceCode, QuotaCode: line.quotaCode, DesiredValue: line.needed }));
    }
  } finally {
    quotas.destroy();
  }
}

const listedRuns = async () => printedJson<{ runs: unknown[] }>(await lab.cli('list', '--limit', '1000')).runs;

test('a batch the account cannot hold is refused up front with the plan: exit 1, the increases to ask for, and no run started', async () => {
  const result = await lab.cli('start', '--runs', '3');
  expect(result.code).toBe(1);
  const plan = printedJson<{ fits: boolean; runs: number; quotas: PlanLine[] }>(result);
  expect(plan).toMatchObject({ fits: false, runs: 3 });
  expect(plan.quotas.filter((line) => line.increase).map((line) => line.quotaCode)).toEqual(['L-F678F1CE', 'L-A4707A72']);
  expect(JSON.parse(result.stderr)).toEqual({ error: { code: 'AccountCannotHoldRuns', message: 'The account cannot hold 3 full run(s) at once; nothing was started.', exitCode: 1 } });
  expect(await listedRuns()).toEqual([]);
});

test('a batch of 10 full runs, its quotas raised as the plan says: each run proves every lesson and leaves nothing, and list --batch finds exactly those 10', async () => {
  await raiseQuotasFor(10, 'full');
  const result = await lab.cli('start', '--runs', '10');
  const batch = printedJson<PrintedBatch>(result);
  expect(result.code).toBe(0);
  expect(batch.batchId).toMatch(BATCH_ID_PATTERN);
  expect(batch.runs).toHaveLength(10);
  expect(new Set(batch.runs.map((run) => run.runId)).size).toBe(10);
  for (const run of batch.runs) {
    expect({ runId: run.runId, status: run.status, holding: run.holding, passed: run.report?.passed }).toEqual({ runId: run.runId, status: 'SUCCEEDED', holding: false, passed: true });
    expect(run.runId).toMatch(RUN_ID_PATTERN);
    expect(run.report?.lessons.map((lesson) => lesson.lesson)).toEqual(['gateway', 'interface', 'service']);
    expect(await lab.leftovers(run.runId)).toEqual(NOTHING_LEFT);
  }

  // At once, not one after another: the last to start started before the first to end ended.
  const latestStart = Math.max(...batch.runs.map((run) => Date.parse(run.startDate!)));
  const firstStop = Math.min(...batch.runs.map((run) => Date.parse(run.stopDate!)));
  expect(latestStart).toBeLessThan(firstStop);

  const listed = printedJson<ListedBatch>(await lab.cli('list', '--batch', batch.batchId));
  expect(listed.runs.map((run) => run.runId).sort()).toEqual(batch.runs.map((run) => run.runId).sort());
  expect(new Set(listed.runs.map((run) => `${run.batchId} ${run.state} ${run.resourcesLeft}`))).toEqual(new Set([`${batch.batchId} SUCCEEDED 0`]));
});

test('a held batch returns once every run holds; cleanup --batch stops and tears down every one of its runs, and a batch id that names nothing is an error that touches nothing', async () => {
  const result = await lab.cli('start', '--runs', '2', '--scenario', 'gateway', '--keep', '--ttl', '1h');
  expect(result.code).toBe(0);
  const batch = printedJson<PrintedBatch>(result);
  expect(batch.runs.map((run) => [run.status, run.holding, run.report?.passed])).toEqual([
    ['RUNNING', true, true],
    ['RUNNING', true, true],
  ]);
  const held = printedJson<ListedBatch>(await lab.cli('list', '--batch', batch.batchId));
  expect(held.runs.map((run) => run.state)).toEqual(['HOLDING', 'HOLDING']);
  expect(held.runs.every((run) => run.resourcesLeft > 0)).toBe(true);

  const unknown = await lab.cli('cleanup', '--batch', 'batch-20200101-0000-0000');
  expect(unknown.code).toBe(1);
  expect(JSON.parse(unknown.stderr).error.code).toBe('NoSuchBatch');
  expect(printedJson<ListedBatch>(await lab.cli('list', '--batch', batch.batchId)).runs.map((run) => run.state)).toEqual(['HOLDING', 'HOLDING']);

  const cleaned = await lab.cli('cleanup', '--batch', batch.batchId);
  expect(cleaned.code).toBe(0);
  expect(printedJson<{ runs: unknown[] }>(cleaned).runs).toEqual(batch.runs.map((run) => ({ runId: run.runId, stopped: true, result: 'torn down', left: 0 })));
  for (const run of batch.runs) expect(await lab.leftovers(run.runId)).toEqual(NOTHING_LEFT);
  const after = printedJson<ListedBatch>(await lab.cli('list', '--batch', batch.batchId));
  expect(after.runs.map((run) => [run.state, run.resourcesLeft])).toEqual([
    ['ABORTED', 0],
    ['ABORTED', 0],
  ]);
});
