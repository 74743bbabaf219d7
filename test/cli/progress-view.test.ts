import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { awsClock } from '../../cli/follow/aws-clock';
import { ProgressView } from '../../cli/render/progress-view';

/** A stream that keeps what is written to it, and is no terminal (so no spinner). */
function captured(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

const START = Date.parse('2026-12-04T10:00:00Z');
let nextId = 1;
const event = (type: string, atMs: number, previousEventId: number, details: Partial<HistoryEvent> = {}): HistoryEvent => ({ id: nextId++, previousEventId, type: type as HistoryEvent['type'], timestamp: new Date(START + atMs), ...details });

/** A Task state's entry, attempts (each failing with `failures[i]` or, past them, succeeding) and exit. */
function task(name: string, from: number, to: number, failures: { error: string; cause: string }[] = [], succeeds = true): HistoryEvent[] {
  const entered = event('TaskStateEntered', from, 0, { stateEnteredEventDetails: { name } });
  const events = [entered];
  let previous = entered.id ?? 0;
  const attempts = failures.length + (succeeds ? 1 : 0);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const at = from + ((to - from) * attempt) / attempts;
    const scheduled = event('LambdaFunctionScheduled', at, previous);
    const failure = failures[attempt];
    const ended = failure ? event('LambdaFunctionFailed', at + 1, scheduled.id ?? 0, { lambdaFunctionFailedEventDetails: failure }) : event('LambdaFunctionSucceeded', at + 1, scheduled.id ?? 0);
    events.push(scheduled, ended);
    previous = ended.id ?? 0;
  }
  events.push(event('TaskStateExited', to, previous, { stateExitedEventDetails: { name } }));
  return events;
}

const lambdaCause = (errorType: string, errorMessage: string) => JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at createVpcEndpoint (functions/lab/build/vpc-endpoints.ts:29:41)'] });

/** The execution's own first event: the origin of its times. */
const executionStarted = (): HistoryEvent => event('ExecutionStarted', 0, 0);

function show(events: readonly HistoryEvent[], timeScale: number): string {
  const { stream, text } = captured();
  const view = new ProgressView(stream, awsClock(timeScale));
  for (const each of [executionStarted(), ...events]) view.onEvent(each);
  view.stop();
  return text();
}

test('a step whose last attempt failed shows ✖ and its error as one line, without the stack', () => {
  const text = show(task('CreateGatewayEndpoints', 0, 100, [{ error: 'UnauthorizedOperation', cause: lambdaCause('UnauthorizedOperation', 'You are not authorized to perform this operation.') }], false), 1);

  expect(text).toBe('✖ Create gateway endpoints             0.1s  at 0.1s\n  UnauthorizedOperation: You are not authorized to perform this operation.\n');
});

test('a step that failed, was retried and succeeded shows ✔', () => {
  const text = show(task('AwaitLoadBalancerActive', 0, 500, [{ error: 'RequestLimitExceeded', cause: lambdaCause('RequestLimitExceeded', 'Request limit exceeded.') }]), 1);

  expect(text).toMatch(/^✔ Await load balancer active/);
  expect(text).not.toContain('✖');
});

test("on a paced local cloud the steps' times are AWS seconds, and a hold is counted as the wall-clock time it is", () => {
  const built = task('CreateLoadBalancer', 0, 500);
  const holdEntered = event('WaitStateEntered', 500, built.at(-1)?.id ?? 0, { stateEnteredEventDetails: { name: 'HoldUntilExpiry' } });
  const holdExited = event('WaitStateExited', 60_500, holdEntered.id ?? 0, { stateExitedEventDetails: { name: 'HoldUntilExpiry' } });
  const teardown = task('Teardown', 60_500, 61_000);

  // Time scale 0.05: one AWS second takes 50 ms, so 500 ms of building is 10 AWS seconds; the 60 s hold stays 60 s.
  const text = show([...built, holdEntered, holdExited, ...teardown], 0.05);

  expect(text).toMatch(/^✔ Create load balancer +10\.0s {2}at 10\.0s$/m);
  expect(text).toMatch(/^✔ Hold until expiry +60\.0s {2}at 70\.0s$/m);
  expect(text).toMatch(/^✔ Teardown +10\.0s {2}at 80\.0s$/m);
});

test("a guided run's pauses for its student are wall-clock time too, each of them, and what comes after is AWS seconds again", () => {
  const built = task('OpenGatewayLesson', 0, 500);
  const firstPause = task('PauseBeforeGatewayLesson', 500, 30_500);
  const lesson = task('CreateGuidedGatewayEndpoints', 30_500, 31_000);
  const secondPause = task('PauseBeforeReport', 31_000, 151_000);
  const report = task('BuildGuidedReport', 151_000, 151_500);

  // Time scale 0.05: 500 ms is 10 AWS seconds; the 30 s and 120 s pauses stay what they were.
  const text = show([...built, ...firstPause, ...lesson, ...secondPause, ...report], 0.05);

  expect(text).toMatch(/^✔ Pause before gateway lesson +30\.0s {2}at 40\.0s$/m);
  expect(text).toMatch(/^✔ Create guided gateway endpoints +10\.0s {2}at 50\.0s$/m);
  expect(text).toMatch(/^✔ Pause before report +120\.0s {2}at 170\.0s$/m);
  expect(text).toMatch(/^✔ Build guided report +10\.0s {2}at 180\.0s$/m);
});
