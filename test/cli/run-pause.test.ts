import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { currentPause, pauseBegins } from '../../cli/guided/run-pause';
import { requirePause, RunNotPaused } from '../../cli/guided/guided-run';
import type { LabRun } from '../../functions/lab/lab-run';
import { isKind } from '../../functions/commons/is-kind';

let id = 0;
const event = (type: string, details: Partial<HistoryEvent> = {}): HistoryEvent => ({ id: ++id, type, timestamp: new Date(), ...details }) as HistoryEvent;
const entered = (name: string, type = 'TaskStateEntered') => event(type, { stateEnteredEventDetails: { name, input: '{}' } });
const exited = (name: string, output = '{}') => event('TaskStateExited', { stateExitedEventDetails: { name, output } });
const scheduled = (token: string) =>
  event('TaskScheduled', {
    taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', region: 'ap-northeast-2', parameters: JSON.stringify({ FunctionName: 'f', Payload: { taskToken: token } }) },
  });
const brief = { stop: 'gateway', next: 'adds', tryNow: [], afterNext: [], pauseSeconds: 60, continueBy: '2026-12-06T23:00:00.000Z' };
const run = { runId: 'lab-20261206-2200-0a0a', guided: true } as LabRun;

const opened = () => [entered('OpenGatewayLesson'), exited('OpenGatewayLesson', JSON.stringify({ guide: brief }))];

test('a pause whose Task was scheduled is the run waiting, with its token and the brief of the state before it', () => {
  const events = [...opened(), entered('PauseBeforeGatewayLesson'), scheduled('token-1'), event('TaskStarted'), event('TaskSubmitted')];
  expect(currentPause(events)).toEqual({ stop: 'gateway', stateName: 'PauseBeforeGatewayLesson', taskToken: 'token-1', scheduledEventId: events[3]?.id, brief });
});

test('a pause is over once its Task succeeded, timed out or its state exited; a failed attempt waits for the retry\'s new token', () => {
  const base = [...opened(), entered('PauseBeforeGatewayLesson'), scheduled('token-1')];
  expect(currentPause([...base, event('TaskSucceeded')])).toBeUndefined();
  expect(currentPause([...base, event('TaskTimedOut')])).toBeUndefined();
  expect(currentPause([...base, exited('PauseBeforeGatewayLesson')])).toBeUndefined();
  expect(currentPause([...base, event('TaskFailed')])).toBeUndefined();
  expect(currentPause([...base, event('TaskFailed'), scheduled('token-2')])?.taskToken).toBe('token-2');
});

test('a run at another step is not paused, and next says where it is (exit 2)', () => {
  const events = [...opened(), entered('PauseBeforeGatewayLesson'), scheduled('token-1'), event('TaskSucceeded'), exited('PauseBeforeGatewayLesson'), entered('CreateGuidedGatewayEndpoints')];
  expect(currentPause(events)).toBeUndefined();
  const refusal = (() => {
    try {
      requirePause({ run, executionArn: 'arn', events, pause: currentPause(events) });
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  expect(isKind(refusal, RunNotPaused)).toBe(true);
  expect((refusal as Error).message).toBe(
    'Run lab-20261206-2200-0a0a is not paused: it is at the step "Create guided gateway endpoints", and pauses again before the next lesson (vpce-lab lesson lab-20261206-2200-0a0a then says what to try).',
  );
});

test('following stops at a pause scheduled after the events already shown, not at an earlier one', () => {
  const earlier = scheduled('token-1');
  const later = scheduled('token-2');
  expect(pauseBegins(0)(earlier)).toBe(true);
  expect(pauseBegins(earlier.id)(earlier)).toBe(false);
  expect(pauseBegins(earlier.id)(later)).toBe(true);
  expect(pauseBegins(0)(event('TaskScheduled', { taskScheduledEventDetails: { resourceType: 'states', resource: 'startExecution.sync:2', region: 'r', parameters: '{}' } }))).toBe(false);
});
