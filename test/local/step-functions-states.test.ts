import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { labForTests } from '../support/local-lab-fixture';
import { attemptsFor } from '../support/stand-in-functions/flaky';
import { peakConcurrency, resetConcurrency } from '../support/stand-in-functions/slow';

const task = (resource: string, extra: object = {}) => ({ Type: 'Task', Resource: resource, ...extra });

const STATE_MACHINES = {
  retry: {
    StartAt: 'Poll',
    States: { Poll: task('${FlakyFunctionArn}', { Retry: [{ ErrorEquals: ['NotReady'], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 3 }], End: true }) },
  },
  catch: {
    StartAt: 'Step',
    States: {
      Step: task('${FailFunctionArn}', { Catch: [{ ErrorEquals: ['LabStepFailed'], ResultPath: '$.failure', Next: 'FailWithCause' }], End: true }),
      FailWithCause: { Type: 'Fail', ErrorPath: '$.failure.Error', CausePath: '$.failure.Cause' },
    },
  },
  parallel: {
    StartAt: 'Build',
    States: {
      Build: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Consumer', States: { Consumer: task('${EchoFunctionArn}', { Parameters: { side: 'consumer' }, End: true }) } },
          { StartAt: 'Provider', States: { Provider: task('${EchoFunctionArn}', { Parameters: { side: 'provider' }, End: true }) } },
        ],
        End: true,
      },
    },
  },
  map: {
    StartAt: 'EachItem',
    States: {
      EachItem: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 2,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', ms: 15 },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: task('${SlowFunctionArn}', { End: true }) } },
        End: true,
      },
    },
  },
  parent: {
    StartAt: 'RunChild',
    States: {
      RunChild: task('arn:aws:states:::states:startExecution.sync:2', {
        Parameters: { StateMachineArn: '${ChildStateMachineArn}', 'Input.$': '$.childInput' },
        ResultSelector: { 'childOutput.$': '$.Output', 'status.$': '$.Status' },
        End: true,
      }),
    },
  },
  child: { StartAt: 'Answer', States: { Answer: task('${EchoFunctionArn}', { End: true }) } },
  'failing-parent': {
    StartAt: 'RunFailingChild',
    States: { RunFailingChild: task('arn:aws:states:::states:startExecution.sync:2', { Parameters: { StateMachineArn: '${CatchStateMachineArn}', 'Input.$': '$' }, End: true }) },
  },
};

const local = labForTests({ extraStateMachines: STATE_MACHINES });

test('a Task failing with a named error is retried by the Retry that names it, then succeeds', async () => {
  const arn = await local.start('retry', { key: 'retry-then-succeed', failures: 2 });
  const execution = await local.finished(arn);
  expect(execution.status).toBe('SUCCEEDED');
  expect(JSON.parse(execution.output ?? '')).toEqual({ key: 'retry-then-succeed', attempts: 3 });
  const history = await local.history(arn);
  const failures = history.filter((event) => event.type === 'LambdaFunctionFailed');
  expect(failures.map((event) => event.lambdaFunctionFailedEventDetails?.error)).toEqual(['NotReady', 'NotReady']);
  expect(JSON.parse(failures[0]?.lambdaFunctionFailedEventDetails?.cause ?? '')).toMatchObject({ errorType: 'NotReady', errorMessage: 'retry-then-succeed is not ready yet (attempt 1)' });
  expect(history.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  // Step Functions bills the two retries as transitions too.
  expect(local.lab.execution(arn)).toMatchObject({ lambdaInvocations: 3, stateTransitions: 3 });
});

test('when the retries run out the execution fails with the handler’s error name and its Lambda cause', async () => {
  const arn = await local.start('retry', { key: 'never-ready', failures: 10 });
  const execution = await local.finished(arn);
  expect(execution).toMatchObject({ status: 'FAILED', error: 'NotReady' });
  expect(JSON.parse(execution.cause ?? '')).toMatchObject({ errorType: 'NotReady', errorMessage: 'never-ready is not ready yet (attempt 4)' });
  expect(attemptsFor('never-ready')).toBe(4);
});

test('a caught error goes to a Fail state that reports it through ErrorPath and CausePath', async () => {
  const arn = await local.start('catch', { error: 'LabStepFailed', message: 'the endpoint service page never answered' });
  const execution = await local.finished(arn);
  expect(execution).toMatchObject({ status: 'FAILED', error: 'LabStepFailed' });
  expect(JSON.parse(execution.cause ?? '').errorMessage).toBe('the endpoint service page never answered');
  const types = (await local.history(arn)).map((event) => event.type);
  expect(types.slice(-4)).toEqual(['LambdaFunctionFailed', 'TaskStateExited', 'FailStateEntered', 'ExecutionFailed']);
});

test('an error no Catch names fails the execution', async () => {
  const arn = await local.start('catch', { error: 'QuotaExhausted', message: 'VPCs per Region: 5 of 5 used' });
  expect(await local.finished(arn)).toMatchObject({ status: 'FAILED', error: 'QuotaExhausted' });
});

test('Parallel runs its branches and each branch’s first event follows ParallelStateStarted', async () => {
  const arn = await local.start('parallel', {});
  const execution = await local.finished(arn);
  expect(JSON.parse(execution.output ?? '')).toEqual([{ echoed: { side: 'consumer' } }, { echoed: { side: 'provider' } }]);
  const history = await local.history(arn);
  const started = history.find((event) => event.type === 'ParallelStateStarted');
  const branchStarts = history.filter((event) => event.type === 'TaskStateEntered');
  expect(branchStarts.map((event) => event.previousEventId)).toEqual([started?.id, started?.id]);
  expect(history.map((event) => event.type)).toEqual(expect.arrayContaining(['ParallelStateEntered', 'ParallelStateSucceeded', 'ParallelStateExited']));
  expect(local.lab.execution(arn)).toMatchObject({ stateTransitions: 3, lambdaInvocations: 2 });
});

test('Map processes every item, never more at once than MaxConcurrency', async () => {
  resetConcurrency();
  const items = [1, 2, 3, 4, 5, 6];
  const arn = await local.start('map', { items });
  const execution = await local.finished(arn);
  expect(JSON.parse(execution.output ?? '')).toEqual(items.map((item) => ({ item })));
  expect(peakConcurrency()).toBe(2);
  const history = await local.history(arn);
  const iterations = history.filter((event) => event.type === 'MapIterationStarted');
  expect(iterations.map((event) => event.mapIterationStartedEventDetails?.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  expect(iterations.every((event) => event.mapIterationStartedEventDetails?.name === 'EachItem')).toBe(true);
  expect(history.map((event) => event.type)).toEqual(expect.arrayContaining(['MapStateEntered', 'MapStateStarted', 'MapIterationSucceeded', 'MapStateSucceeded', 'MapStateExited']));
});

test('startExecution.sync:2 runs the child here and returns its output as JSON', async () => {
  const arn = await local.start('parent', { childInput: { runId: 'lab-20261126-0112-ab12' } });
  const execution = await local.finished(arn);
  expect(execution.status).toBe('SUCCEEDED');
  expect(JSON.parse(execution.output ?? '')).toEqual({ childOutput: { echoed: { runId: 'lab-20261126-0112-ab12' } }, status: 'SUCCEEDED' });
  const children = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: local.lab.stateMachineArns.child }));
  expect(children.executions).toHaveLength(1);
  expect(local.lab.execution(children.executions?.[0]?.executionArn ?? '')?.parentExecutionArn).toBe(arn);
  const history = await local.history(arn);
  expect(history.map((event) => event.type)).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'TaskScheduled',
    'TaskStarted',
    'TaskSubmitted',
    'TaskSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ]);
  expect(history[2]?.taskScheduledEventDetails).toMatchObject({ resourceType: 'states', resource: 'startExecution.sync:2', region: 'ap-northeast-2' });
  const output = JSON.parse(history[5]?.taskSucceededEventDetails?.output ?? '');
  expect(output).toMatchObject({ ExecutionArn: children.executions?.[0]?.executionArn, Status: 'SUCCEEDED', Output: { echoed: { runId: 'lab-20261126-0112-ab12' } } });
  expect(typeof output.StartDate).toBe('number');
});

test('a failed child fails the parent’s Task with States.TaskFailed and the child’s error in the cause', async () => {
  const arn = await local.start('failing-parent', { error: 'LabStepFailed', message: 'teardown left a VPC behind' });
  const execution = await local.finished(arn);
  expect(execution).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
  const cause = JSON.parse(execution.cause ?? '');
  expect(cause).toMatchObject({ Status: 'FAILED', Error: 'LabStepFailed' });
  expect(JSON.parse(cause.Cause).errorMessage).toBe('teardown left a VPC behind');
});
