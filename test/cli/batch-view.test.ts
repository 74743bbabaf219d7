import { stripVTControlCharacters } from 'node:util';
import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { newBatchRuns } from '../../cli/batch/start-batch';
import { followBatch, type MemberProgress, progressFrom } from '../../cli/batch/follow-batch';
import type { BatchMember } from '../../cli/batch/start-batch';
import { awsClock } from '../../cli/follow/aws-clock';
import { BatchView, batchSummary } from '../../cli/render/batch-view';
import { batchRunIdPrefix, parseBatchId } from '../../cli/run-request';
import { BATCH_ID_PATTERN } from '../../functions/lab/lab-run';

const START = Date.parse('2026-12-06T10:00:00Z');
const RUN = { scenario: 'full', region: 'ap-northeast-2', expiresAt: '2026-12-06T12:00:00.000Z', keep: false } as const;

const member = (index: number): BatchMember => ({
  run: { ...RUN, runId: `lab-20261206-1000-${String(index).padStart(4, '0')}` },
  executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-lab-run:${index}`,
  startedAt: START,
});

const progress = (index: number, state: string, step: string, settledAfterSeconds?: number): MemberProgress<BatchMember> => ({
  member: member(index),
  state,
  step,
  ...(settledAfterSeconds === undefined ? {} : { settledAt: START + settledAfterSeconds * 1000 }),
});

/** A stream that keeps what is written to it, a terminal of `rows` lines or none. */
function captured(rows?: number): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { isTTY: rows !== undefined, rows, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

// Without colour codes, as a reader sees them.
const plain = (text: string): string => stripVTControlCharacters(text);

describe('the live view of a batch', () => {
  const round = [progress(1, 'RUNNING', 'AwaitVpcEndpointsAvailable'), progress(2, 'RUNNING', 'AwaitVpcEndpointsAvailable'), progress(3, 'FAILED', 'CreateEndpointService', 95), progress(4, 'SUCCEEDED', 'Teardown', 400)];

  test('on a terminal tall enough, one line per run: its state, its step and its time; then the batch by state', () => {
    const { stream } = captured(40);
    const lines = new BatchView(stream, awsClock(1)).table(round, START + 193_000).map(plain);
    expect(lines).toEqual([
      `  ${'RUN'.padEnd(24)} ${'STATE'.padEnd(10)} ${'STEP'.padEnd(38)} ELAPSED`,
      `… ${'lab-20261206-1000-0001'.padEnd(24)} ${'RUNNING'.padEnd(10)} ${'Await vpc endpoints available'.padEnd(38)} 3m 13s`,
      `… ${'lab-20261206-1000-0002'.padEnd(24)} ${'RUNNING'.padEnd(10)} ${'Await vpc endpoints available'.padEnd(38)} 3m 13s`,
      `✖ ${'lab-20261206-1000-0003'.padEnd(24)} ${'FAILED'.padEnd(10)} ${'Create endpoint service'.padEnd(38)} 1m 35s`,
      `✔ ${'lab-20261206-1000-0004'.padEnd(24)} ${'SUCCEEDED'.padEnd(10)} ${'Teardown'.padEnd(38)} 6m 40s`,
      '  2 running, 1 succeeded, 1 failed',
    ]);
  });

  test('on a terminal too short for every run, one line per step with how many runs are in it, so the view never scrolls', () => {
    const { stream } = captured(5);
    const lines = new BatchView(stream, awsClock(1)).table(round, START + 193_000).map(plain);
    expect(lines).toEqual([`  ${'STEP'.padEnd(40)} RUNS`, `  ${'Await vpc endpoints available'.padEnd(40)}    2`, `  ${'✖ failed'.padEnd(40)}    1`, '  2 running, 1 succeeded, 1 failed']);
    expect(lines.length).toBeLessThan(5);
  });

  test('each round is drawn over the last one on a terminal', () => {
    const { stream, text } = captured(40);
    const view = new BatchView(stream, awsClock(1));
    view.onRound(round, START);
    view.onRound(round, START);
    expect(text().split('\x1b[6A\x1b[0J')).toHaveLength(2);
  });

  test('without a terminal, a line when a run ends or holds and never twice, at AWS seconds on the local clock', () => {
    const { stream, text } = captured();
    const view = new BatchView(stream, awsClock(0.05));
    view.onRound([progress(1, 'RUNNING', 'BuildConsumerNetwork'), progress(2, 'FAILED', 'CreateEndpointService', 5)], START + 6000);
    view.onRound([progress(1, 'HOLDING', 'HoldUntilExpiry'), progress(2, 'FAILED', 'CreateEndpointService', 5)], START + 20_000);
    expect(plain(text()).split('\n')).toEqual([
      '✖ lab-20261206-1000-0002 failed at Create endpoint service after 1m 40s (1 running, 1 failed)',
      '⏸ lab-20261206-1000-0001 holding after 6m 40s (1 holding, 1 failed)',
      '',
    ]);
  });

  test('the summary: one line per run as it ended, and the batch in one line', () => {
    const outcome = (runId: string, status: string) => ({ runId, executionArn: '', status, seconds: 412.3 });
    const text = plain(
      batchSummary('batch-20261206-1000-ab12', [
        { ...outcome('lab-20261206-1000-0001', 'SUCCEEDED'), holding: false },
        { ...outcome('lab-20261206-1000-0002', 'FAILED'), holding: false, failure: { step: 'CreateEndpointService', code: 'AccessDenied', message: 'no' } },
        { ...outcome('lab-20261206-1000-0003', 'RUNNING'), holding: true, expiresAt: '2026-12-06T12:00:00.000Z', report: { passed: true, lessons: [] } as never },
      ]),
    );
    expect(text.trim().split('\n')).toEqual([
      '✔ Run lab-20261206-1000-0001 succeeded in 412.3 s; nothing of it remains.',
      '✖ Run lab-20261206-1000-0002 failed at Create endpoint service after 412.3 s: AccessDenied: no',
      '⏸ Run lab-20261206-1000-0003 holds its lab until 2026-12-06T12:00:00.000Z: the report passed.',
      '',
      'Batch batch-20261206-1000-ab12: 3 run(s), 1 holding, 1 succeeded, 1 failed.',
    ]);
  });
});

describe("a run's place from its newest history events", () => {
  const at = (seconds: number) => new Date(START + seconds * 1000);
  const known = progress(1, 'RUNNING', 'Preflight');
  const events = (...newest: Partial<HistoryEvent>[]) => newest as HistoryEvent[];

  test('the latest Task or Wait state names the step, past the Parallel around it and the retries since', () => {
    const newest = events(
      { type: 'LambdaFunctionFailed', timestamp: at(30) },
      { type: 'LambdaFunctionScheduled', timestamp: at(29) },
      { type: 'TaskStateEntered', timestamp: at(20), stateEnteredEventDetails: { name: 'AwaitConnectionAccepted' } },
      { type: 'ParallelStateEntered', timestamp: at(19), stateEnteredEventDetails: { name: 'BuildNetworks' } },
    );
    expect(progressFrom(known, newest, false)).toMatchObject({ state: 'RUNNING', step: 'AwaitConnectionAccepted' });
    expect(progressFrom(known, newest, false).settledAt).toBeUndefined();
  });

  test("the execution's end settles it; the hold settles it only when the command returns at the hold", () => {
    expect(progressFrom(known, events({ type: 'ExecutionFailed', timestamp: at(40) }), false)).toMatchObject({ state: 'FAILED', step: 'Preflight', settledAt: START + 40_000 });
    const hold = events({ type: 'WaitStateEntered', timestamp: at(50), stateEnteredEventDetails: { name: 'HoldUntilExpiry' } });
    expect(progressFrom(known, hold, true)).toMatchObject({ state: 'HOLDING', settledAt: START + 50_000 });
    expect(progressFrom(known, hold, false).settledAt).toBeUndefined();
  });

  test('a page with no state event keeps the step known before', () => {
    expect(progressFrom(known, events({ type: 'LambdaFunctionStarted', timestamp: at(5) }), false)).toMatchObject({ state: 'RUNNING', step: 'Preflight' });
  });
});

describe('the runs of a batch', () => {
  test('150 runs of one minute each get an id of their own, all of the batch minute, so a listing finds them by name', () => {
    const { batchId, runs } = newBatchRuns({ ...RUN, ttlMs: 7_200_000 }, 150, new Date('2026-12-06T10:07:42Z'));
    expect(batchId).toMatch(/^batch-20261206-1007-[0-9a-f]{4}$/);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(150);
    expect(runs.every((run) => run.runId.startsWith(batchRunIdPrefix(batchId)) && run.batchId === batchId)).toBe(true);
    expect(batchRunIdPrefix(batchId)).toBe('lab-20261206-1007-');
  });

  test('a batch id is refused unless it looks like one', () => {
    expect(parseBatchId('batch-20261206-1007-ab12')).toMatch(BATCH_ID_PATTERN);
    expect(() => parseBatchId('lab-20261206-1007-ab12')).toThrow("'lab-20261206-1007-ab12' is not a batch id");
  });
});

describe('following a batch', () => {
  test("polls one run at a time, at most ten a second (half of GetExecutionHistory's refill), and stops polling a run once it ended", async () => {
    const sfn = new SFNClient({ region: 'ap-northeast-2' });
    const mocked = mockClient(sfn);
    const calls: { arn: string; at: number }[] = [];
    const polls = new Map<string, number>();
    mocked.on(GetExecutionHistoryCommand).callsFake((input: { executionArn: string }) => {
      calls.push({ arn: input.executionArn, at: Date.now() });
      const seen = (polls.get(input.executionArn) ?? 0) + 1;
      polls.set(input.executionArn, seen);
      // Run 1 ends at its second poll, run 2 at its fourth.
      const endsAt = input.executionArn.endsWith(':1') ? 2 : 4;
      return { events: [{ type: seen >= endsAt ? 'ExecutionSucceeded' : 'TaskStateEntered', timestamp: new Date(), stateEnteredEventDetails: { name: 'Preflight' } }] };
    });
    const rounds: string[][] = [];
    const ended = await followBatch({ sfn, pollMs: 0 } as never, [member(1), member(2)], {
      signal: new AbortController().signal,
      settleOnHold: false,
      onRound: (round) => rounds.push(round.map((known) => known.state)),
    });
    expect(ended.map((known) => known.state)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(calls.map((call) => call.arn.slice(-1))).toEqual(['1', '2', '1', '2', '2', '2']);
    expect(rounds).toEqual([['RUNNING', 'RUNNING'], ['SUCCEEDED', 'RUNNING'], ['SUCCEEDED', 'RUNNING'], ['SUCCEEDED', 'SUCCEEDED']]);
    const gaps = calls.slice(1).map((call, index) => call.at - calls[index]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);
    sfn.destroy();
  });
});
