import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { heldRunDisturbed, interruptedStart, liveServers, type ServiceOutcome, serviceProblems, twoStartsAtOnce } from './support/service-scenarios';

jest.setTimeout(180_000);

test('two vpce-lab start at once on one data directory: one server, both runs succeed, nothing left', async () => {
  const outcome = await twoStartsAtOnce();
  expect(serviceProblems(outcome)).toEqual([]);
  expect(outcome.runs.map((run) => [run.reported, run.ended])).toEqual([
    ['SUCCEEDED', 'SUCCEEDED'],
    ['SUCCEEDED', 'SUCCEEDED'],
  ]);
  expect(outcome.mostServersAtOnce).toBe(1);
});

test('a held run holds through list and status and a refused second server; its server killed, it shows FAILED and teardown removes all of it', async () => {
  const outcome = await heldRunDisturbed(2);
  expect(serviceProblems(outcome)).toEqual([]);
  expect(outcome.runs).toMatchObject([{ reported: 'RUNNING', ended: 'FAILED', teardownCode: 0, leftovers: NOTHING_LEFT }]);
  expect(Object.values(outcome.runs[0]!.leftAfterEnd).flat().length).toBeGreaterThan(0);
});

test('Ctrl+C of vpce-lab start mid-build: the run goes on in the server and ends by itself leaving nothing', async () => {
  const outcome = await interruptedStart(2);
  expect(serviceProblems(outcome)).toEqual([]);
  expect(outcome.runs).toMatchObject([{ reported: 'RUNNING', ended: 'SUCCEEDED', leftovers: NOTHING_LEFT }]);
});

describe('the checks fire on a broken case', () => {
  const clean: ServiceOutcome = {
    scenario: 'broken',
    runs: [{ runId: 'lab-1', reported: 'SUCCEEDED', ended: 'SUCCEEDED', leftAfterEnd: NOTHING_LEFT, leftovers: NOTHING_LEFT }],
    mostServersAtOnce: 1,
    problems: [],
  };

  test.each<[string, Partial<ServiceOutcome>, string]>([
    ['a run reported SUCCEEDED that left a VPC', { runs: [{ ...clean.runs[0]!, leftAfterEnd: { ...NOTHING_LEFT, vpcs: ['vpc-1'] } }] }, 'lab-1 was reported SUCCEEDED but left 1 resources'],
    ['a run whose teardown left something', { runs: [{ ...clean.runs[0]!, reported: 'RUNNING', teardownCode: 1, leftovers: { ...NOTHING_LEFT, instances: ['i-1'] } }] }, 'lab-1 is not accounted for: 1 resources are left after teardown (exit 1)'],
    ['two servers at once', { mostServersAtOnce: 2 }, '2 servers held the data directory at once'],
    ['no server ever seen', { mostServersAtOnce: 0 }, 'no server was ever seen serving'],
    ['no run at all', { runs: [] }, 'no run was started'],
  ])('%s', (_case, change, problem) => {
    expect(serviceProblems(clean)).toEqual([]);
    expect(serviceProblems({ ...clean, ...change })).toEqual([expect.stringContaining(problem)]);
  });

  test('two live processes that both said they listen are both counted', () => {
    const log = join(mkdtempSync(join(tmpdir(), 'vpce-lab-log-')), 'local.log');
    writeFileSync(log, `listening on http://127.0.0.1:1 (pid ${process.pid})\nlistening on http://127.0.0.1:2 (pid ${process.ppid})\nlistening on http://127.0.0.1:3 (pid 999999999)\n`);
    expect(liveServers(log).sort()).toEqual([process.pid, process.ppid].sort());
  });
});
