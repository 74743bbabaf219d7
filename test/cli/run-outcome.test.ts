import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { awsClock } from '../../cli/follow/aws-clock';
import { runOutcome } from '../../cli/run-outcome';

const START = Date.parse('2026-12-04T10:00:00Z');
const at = (ms: number) => new Date(START + ms);
const RUN = { runId: 'lab-20261204-1000-abcd', scenario: 'gateway', region: 'ap-northeast-2', expiresAt: '2026-12-04T12:00:00.000Z', keep: true };

/** A gateway run that launched its instances, failed creating its endpoints, and was held for a minute of wall-clock time in between (as a picture of the clock, not of the workflow's order). */
const EVENTS: HistoryEvent[] = [
  { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
  { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: at(0), stateEnteredEventDetails: { name: 'LaunchConsumerInstances' } },
  { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', timestamp: at(0) },
  { id: 4, previousEventId: 3, type: 'LambdaFunctionSucceeded', timestamp: at(400) },
  { id: 5, previousEventId: 4, type: 'TaskStateExited', timestamp: at(500), stateExitedEventDetails: { name: 'LaunchConsumerInstances' } },
  { id: 6, previousEventId: 5, type: 'WaitStateEntered', timestamp: at(500), stateEnteredEventDetails: { name: 'HoldUntilExpiry' } },
  { id: 7, previousEventId: 6, type: 'WaitStateExited', timestamp: at(60_500), stateExitedEventDetails: { name: 'HoldUntilExpiry' } },
  { id: 8, previousEventId: 7, type: 'TaskStateEntered', timestamp: at(60_500), stateEnteredEventDetails: { name: 'CreateGatewayEndpoints' } },
  { id: 9, previousEventId: 8, type: 'LambdaFunctionScheduled', timestamp: at(60_500) },
  {
    id: 10,
    previousEventId: 9,
    type: 'LambdaFunctionFailed',
    timestamp: at(61_000),
    lambdaFunctionFailedEventDetails: { error: 'UnauthorizedOperation', cause: JSON.stringify({ errorType: 'UnauthorizedOperation', errorMessage: 'Not authorized.', trace: ['…'] }) },
  },
];

const outcome = (timeScale: number) =>
  runOutcome(
    { executionArn: `arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-lab-run:${RUN.runId}`, status: 'FAILED', input: JSON.stringify({ run: RUN }), startDate: at(0), stopDate: at(61_000), error: 'UnauthorizedOperation', cause: EVENTS[9]?.lambdaFunctionFailedEventDetails?.cause },
    EVENTS,
    at(120_000),
    awsClock(timeScale),
  );

test("a paced run's time is AWS seconds, its hold the wall-clock time it was, and its cost is of that time", () => {
  // Time scale 0.05: the 1,000 ms outside the hold are 20 AWS seconds; the 60 s hold stays 60 s.
  const paced = outcome(0.05);

  expect(paced.seconds).toBeCloseTo(80);
  expect(paced.cost?.hours).toBeCloseTo(80 / 3600);
});

test('a failed run costs only what its steps built before the failure, and its failure is one line', () => {
  const failed = outcome(1);

  expect(failed.cost?.lines.map((line) => [line.item, line.quantity])).toEqual([
    ['EC2 t3.micro instances', 2],
    ['Public IPv4 addresses', 1],
  ]);
  expect(failed.failure).toEqual({ step: 'CreateGatewayEndpoints', code: 'UnauthorizedOperation', message: 'Not authorized.' });
});
