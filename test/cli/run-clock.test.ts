import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { msPerAwsSecond, type RetryDefinition } from '../../cli/follow/run-clock';

const DEFINITION: RetryDefinition = {
  States: {
    Build: {
      Branches: [{ States: { AwaitLoadBalancerActive: { Retry: [{ ErrorEquals: ['NotReady'], IntervalSeconds: 180 }, { ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 2 }] } } }],
    },
  },
};

/** A wait loop that failed NotReady at `failedAt` and was tried again `retryAfterMs` later, then once more after backing off. */
function waitLoop(failedAt: number, retryAfterMs: number): HistoryEvent[] {
  const at = (ms: number) => new Date(ms);
  const failure = { error: 'NotReady', cause: '{}' };
  return [
    { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
    { id: 2, previousEventId: 1, type: 'TaskStateEntered', timestamp: at(failedAt - 20), stateEnteredEventDetails: { name: 'AwaitLoadBalancerActive' } },
    { id: 3, previousEventId: 2, type: 'LambdaFunctionScheduled', timestamp: at(failedAt - 20) },
    { id: 4, previousEventId: 3, type: 'LambdaFunctionStarted', timestamp: at(failedAt - 15) },
    { id: 5, previousEventId: 4, type: 'LambdaFunctionFailed', timestamp: at(failedAt), lambdaFunctionFailedEventDetails: failure },
    { id: 6, previousEventId: 5, type: 'LambdaFunctionScheduled', timestamp: at(failedAt + retryAfterMs) },
    { id: 7, previousEventId: 6, type: 'LambdaFunctionStarted', timestamp: at(failedAt + retryAfterMs + 5) },
    { id: 8, previousEventId: 7, type: 'LambdaFunctionFailed', timestamp: at(failedAt + retryAfterMs + 10), lambdaFunctionFailedEventDetails: failure },
    { id: 9, previousEventId: 8, type: 'LambdaFunctionScheduled', timestamp: at(failedAt + 3 * retryAfterMs) },
  ];
}

test("a run's first Retry wait of a wait loop tells how long one AWS second took on its clock", () => {
  expect(msPerAwsSecond([{ events: waitLoop(1000, 180 * 50), definition: DEFINITION }])).toBe(50);
  expect(msPerAwsSecond([{ events: waitLoop(1000, 180 * 1000), definition: DEFINITION }])).toBe(1000);
});

test('a run whose wait loops never retried does not tell its pace', () => {
  expect(msPerAwsSecond([{ events: waitLoop(1000, 9000).slice(0, 5), definition: DEFINITION }])).toBeUndefined();
});
