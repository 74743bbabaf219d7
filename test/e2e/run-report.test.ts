import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { criticalPath } from '../../statemachine/critical-path';
import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';

let lab: E2eLab;
let run: RunOutcome;
beforeAll(async () => {
  lab = await startE2eLab();
  run = (await lab.start('--scenario', 'full')).outcome;
});
afterAll(() => lab.lab.close());

test('report writes one HTML page of a finished run: its timeline with the critical path marked, its verification report and its cost', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'vpce-lab-report-')), 'run.html');
  const result = await lab.cli('report', run.runId, '--out', file);

  expect(result.code).toBe(0);
  expect(printedJson(result)).toEqual({ runId: run.runId, file, status: 'SUCCEEDED' });
  const page = readFileSync(file, 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  // Every step of the build and of the teardown is a bar; the NLB's wait is on the critical path.
  for (const state of ['Preflight', 'AwaitLoadBalancerActive', 'CollectVerificationChecks', 'DeleteVpcEndpoints', 'AwaitNetworkInterfacesReleased', 'DeleteNetworks']) {
    expect(page).toContain(`>${state}</text>`);
  }
  expect(page).toMatch(/<title>AwaitLoadBalancerActive: [^<]*, on the critical path<\/title>/);
  expect(page).toContain(`build bound ${criticalPath('full', 'build').boundSeconds.toFixed(0)} s`);
  expect(page).toContain(`Verification of ${run.runId} (full)`);
  expect(page).toContain('would cost about');
  expect(page).toMatch(/State transitions \(retries included\)<\/td><td>\d+<\/td>/);
  // The terminal's colours are left out of the page.
  expect(page).not.toContain('\u001b[');
});

test('report without --out writes the page in the OS temporary directory, not where the command runs, and says where', async () => {
  const result = await lab.cli('report', run.runId);

  expect(result.code).toBe(0);
  const { file } = printedJson<{ file: string }>(result);
  expect(file).toBe(join(tmpdir(), 'vpce-lab', `report-${run.runId}.html`));
  expect(existsSync(join(process.cwd(), `vpce-lab-report-${run.runId}.html`))).toBe(false);
  // The page states the pace of the clock its seconds are read on, as the terminal does.
  const page = readFileSync(file, 'utf8');
  expect(page).toContain("Times are this machine's seconds: the local cloud runs at time scale 0");
  // The page ends the run with the terminal's own line, on the same clock.
  expect(page).toContain(`<p>Run ${run.runId} succeeded in ${run.seconds.toFixed(1)} s; nothing of it remains.</p>`);
  const human = await vpceLab('report', run.runId, '--endpoint', lab.cloud.endpoint);
  expect(human.stdout).toBe(`Report of ${run.runId} written to ${file}\n`);
});

test('report of a run that does not exist is refused before anything is written', async () => {
  const result = await lab.cli('report', 'lab-20261126-0000-beef');
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('There is no run lab-20261126-0000-beef');
});
