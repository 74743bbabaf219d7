import { DescribeStateMachineCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { labForTests } from '../support/local-lab-fixture';

/** At 0.01, an AWS minute takes 600 ms. */
const TIME_SCALE = 0.01;

const STATE_MACHINES = {
  pause: { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 20, End: true } } },
  'retry-later': {
    StartAt: 'Poll',
    States: { Poll: { Type: 'Task', Resource: '${FlakyFunctionArn}', Retry: [{ ErrorEquals: ['NotReady'], IntervalSeconds: 10, BackoffRate: 1, MaxAttempts: 2 }], End: true } },
  },
  'until-time': { StartAt: 'Hold', States: { Hold: { Type: 'Wait', TimestampPath: '$.until', End: true } } },
};

const local = labForTests({ timeScale: TIME_SCALE, extraStateMachines: STATE_MACHINES });

const at = (history: HistoryEvent[], type: string, nth = 0): number => history.filter((event) => event.type === type)[nth]?.timestamp?.getTime() ?? NaN;

test('a Wait of 20 AWS seconds takes 20 s × the time scale', async () => {
  const arn = await local.start('pause');
  await local.finished(arn);
  const history = await local.history(arn);
  const waited = at(history, 'WaitStateExited') - at(history, 'WaitStateEntered');
  expect(waited).toBeGreaterThanOrEqual(180);
  expect(waited).toBeLessThan(2_000);
  const { definition } = await local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: local.lab.stateMachineArns.pause }));
  expect(JSON.parse(definition ?? '').States.Pause.Seconds).toBe(20);
});

test('a Retry interval of 10 AWS seconds takes 10 s × the time scale', async () => {
  const arn = await local.start('retry-later', { key: 'scaled-retry', failures: 1 });
  expect((await local.finished(arn)).status).toBe('SUCCEEDED');
  const history = await local.history(arn);
  const interval = at(history, 'LambdaFunctionScheduled', 1) - at(history, 'LambdaFunctionFailed');
  expect(interval).toBeGreaterThanOrEqual(80);
  expect(interval).toBeLessThan(2_000);
});

test('a Wait until a timestamp waits for that wall-clock time, unscaled', async () => {
  const arn = await local.start('until-time', { until: new Date(Date.now() + 300).toISOString() });
  await local.finished(arn);
  const history = await local.history(arn);
  expect(at(history, 'WaitStateExited') - at(history, 'WaitStateEntered')).toBeGreaterThanOrEqual(250);
});
