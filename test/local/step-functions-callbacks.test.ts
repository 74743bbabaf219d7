import { type HistoryEvent, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../local/cloud/cloud-runtime';
import { LabIdentities } from '../../local/iam/lab-identities';
import { mintTaskToken } from '../../local/services/stepfunctions/model/task-token';
import { scheduledParameters, taskTokenOf } from '../support/callback-tokens';
import { clientConfig, REGION } from '../support/local-cloud-fixture';
import { functionArn, labForTests, startLab } from '../support/local-lab-fixture';
import { refused } from '../support/refused';

const WAIT_FOR_TASK_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

const callbackTask = (functionArnPlaceholder: string, extra: object = {}, payload: object = {}) => ({
  Type: 'Task',
  Resource: WAIT_FOR_TASK_TOKEN,
  Parameters: { FunctionName: functionArnPlaceholder, Payload: { 'run.$': '$.run', 'taskToken.$': '$$.Task.Token', ...payload } },
  ...extra,
});

const STATE_MACHINES = {
  callback: { StartAt: 'AwaitStudent', States: { AwaitStudent: callbackTask('${EchoFunctionArn}', { End: true }) } },
  'callback-catch': {
    StartAt: 'AwaitStudent',
    States: {
      AwaitStudent: callbackTask('${EchoFunctionArn}', { Catch: [{ ErrorEquals: ['StudentGaveUp'], ResultPath: '$.failure', Next: 'GaveUp' }], End: true }),
      GaveUp: { Type: 'Pass', End: true },
    },
  },
  'callback-timeout': {
    StartAt: 'AwaitStudent',
    States: {
      AwaitStudent: callbackTask('${EchoFunctionArn}', { TimeoutSecondsPath: '$.pauseSeconds', Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: 'StudentAway' }], End: true }),
      StudentAway: { Type: 'Pass', End: true },
    },
  },
  'callback-retry': {
    StartAt: 'AwaitStudent',
    States: { AwaitStudent: callbackTask('${EchoFunctionArn}', { Retry: [{ ErrorEquals: ['NotYet'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true }) },
  },
  'callback-failing-function': {
    StartAt: 'AwaitStudent',
    States: { AwaitStudent: callbackTask('${FailFunctionArn}', { End: true }, { error: 'LabStepFailed', message: 'the lesson page never opened' }) },
  },
  'parallel-callback': {
    StartAt: 'Lesson',
    States: {
      Lesson: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'AwaitInBranch', States: { AwaitInBranch: callbackTask('${EchoFunctionArn}', { End: true }) } },
          { StartAt: 'Prepare', States: { Prepare: { Type: 'Pass', Next: 'Broken' }, Broken: { Type: 'Fail', Error: 'LessonBroken', Cause: 'the other branch failed' } } },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'AfterLesson' }],
        End: true,
      },
      AfterLesson: callbackTask('${EchoFunctionArn}', { ResultPath: '$.after', End: true }),
    },
  },
  'callback-without-token': {
    StartAt: 'AwaitNobody',
    States: { AwaitNobody: { Type: 'Task', Resource: WAIT_FOR_TASK_TOKEN, Parameters: { FunctionName: '${EchoFunctionArn}', Payload: { 'run.$': '$.run' } }, TimeoutSeconds: 1, End: true } },
  },
};

const local = labForTests({ extraStateMachines: STATE_MACHINES });

const typesOf = (history: HistoryEvent[]): (string | undefined)[] => history.map((event) => event.type);
const eventOf = (history: HistoryEvent[], type: string): HistoryEvent | undefined => history.find((event) => event.type === type);
const success = (taskToken: string, output: unknown) => new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) });

const TIMED_OUT = { name: 'TaskTimedOut', message: "Task Timed Out: 'Provided task does not exist anymore'", $metadata: { httpStatusCode: 400 } };

describe('lambda:invoke.waitForTaskToken', () => {
  test('invokes the function with the token in its Payload, tells it in TaskScheduled, and succeeds with what SendTaskSuccess sent', async () => {
    const arn = await local.start('callback', { run: 'lab-20261207-0900-ab12' });
    const parameters = await scheduledParameters(local, arn);
    const taskToken = parameters.Payload.taskToken as string;
    expect(parameters).toEqual({ FunctionName: functionArn('Echo'), Payload: { run: 'lab-20261207-0900-ab12', taskToken } });
    expect(taskToken).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect((await local.describe(arn)).status).toBe('RUNNING');

    expect(await local.sfn.send(success(taskToken, { continued: 'gateway' }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    const execution = await local.finished(arn);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: '{"continued":"gateway"}' });
    const history = await local.history(arn);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const resource = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' };
    expect(eventOf(history, 'TaskScheduled')?.taskScheduledEventDetails).toEqual({ ...resource, region: 'ap-northeast-2', parameters: expect.any(String) });
    expect(eventOf(history, 'TaskStarted')?.taskStartedEventDetails).toEqual(resource);
    const submitted = eventOf(history, 'TaskSubmitted')?.taskSubmittedEventDetails;
    expect(submitted).toMatchObject(resource);
    // The Invoke response, as the optimized integration returns it: the function saw the resolved token.
    expect(JSON.parse(submitted?.output ?? '')).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: { echoed: { run: 'lab-20261207-0900-ab12', taskToken } } });
    expect(eventOf(history, 'TaskSucceeded')?.taskSucceededEventDetails).toEqual({ ...resource, output: '{"continued":"gateway"}', outputDetails: { truncated: false } });
    expect(local.lab.execution(arn)).toMatchObject({ lambdaInvocations: 1, stateTransitions: 1 });
  });

  test('SendTaskFailure fails the Task with its error and cause, which a Catch matches by name', async () => {
    const arn = await local.start('callback-catch', { run: 'lab-gave-up' });
    const taskToken = await taskTokenOf(local, arn);
    await local.sfn.send(new SendTaskFailureCommand({ taskToken, error: 'StudentGaveUp', cause: 'the student ran vpce-lab abort' }));
    const execution = await local.finished(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '')).toEqual({ run: 'lab-gave-up', failure: { Error: 'StudentGaveUp', Cause: 'the student ran vpce-lab abort' } });
    const history = await local.history(arn);
    expect(eventOf(history, 'TaskFailed')?.taskFailedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'StudentGaveUp',
      cause: 'the student ran vpce-lab abort',
    });
    expect(typesOf(history).slice(-5)).toEqual(['TaskFailed', 'TaskStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  test('a TimeoutSecondsPath that elapses fails the Task with States.Timeout, told as TaskTimedOut and caught', async () => {
    const arn = await local.start('callback-timeout', { run: 'lab-away', pauseSeconds: 1 });
    const taskToken = await taskTokenOf(local, arn);
    const execution = await local.finished(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '')).toMatchObject({ run: 'lab-away', failure: { Error: 'States.Timeout' } });
    const history = await local.history(arn);
    expect(eventOf(history, 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(1);
    expect(eventOf(history, 'TaskTimedOut')?.taskTimedOutEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'States.Timeout' });
    expect(typesOf(history)).not.toContain('TaskSucceeded');
    expect(await refused(local.sfn.send(success(taskToken, 'too late')))).toMatchObject(TIMED_OUT);
  });

  test('a Task whose Parameters never read $$.Task.Token still waits, until its timeout', async () => {
    const arn = await local.start('callback-without-token', { run: 'lab-no-token' });
    const execution = await local.finished(arn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const history = await local.history(arn);
    expect(JSON.parse(eventOf(history, 'TaskScheduled')?.taskScheduledEventDetails?.parameters ?? '')).toEqual({ FunctionName: functionArn('Echo'), Payload: { run: 'lab-no-token' } });
    expect(typesOf(history).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
  });

  test('a retry after SendTaskFailure invokes again with a new token; the first one is closed', async () => {
    const arn = await local.start('callback-retry', { run: 'lab-retry' });
    const first = await taskTokenOf(local, arn, 0);
    await local.sfn.send(new SendTaskFailureCommand({ taskToken: first, error: 'NotYet' }));
    const second = await taskTokenOf(local, arn, 1);
    expect(second).not.toBe(first);
    expect(await refused(local.sfn.send(success(first, 'stale')))).toMatchObject(TIMED_OUT);
    await local.sfn.send(success(second, { attempt: 2 }));
    expect(await local.finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"attempt":2}' });
    const history = await local.history(arn);
    expect(typesOf(history).filter((type) => type === 'TaskScheduled' || type === 'TaskFailed' || type === 'TaskSucceeded')).toEqual(['TaskScheduled', 'TaskFailed', 'TaskScheduled', 'TaskSucceeded']);
    expect(local.lab.execution(arn)).toMatchObject({ lambdaInvocations: 2 });
  });

  test('a Parallel that fails abandons the callback Task of its other branch: its token is closed while the run goes on', async () => {
    const arn = await local.start('parallel-callback', { run: 'lab-parallel' });
    const inBranch = await taskTokenOf(local, arn, 0);
    const after = await taskTokenOf(local, arn, 1);
    expect(await refused(local.sfn.send(success(inBranch, {})))).toMatchObject(TIMED_OUT);
    expect((await local.describe(arn)).status).toBe('RUNNING');
    await local.sfn.send(success(after, 'next lesson'));
    const execution = await local.finished(arn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '')).toEqual({ run: 'lab-parallel', failure: { Error: 'LessonBroken', Cause: 'the other branch failed' }, after: 'next lesson' });
  });

  test('a function that fails fails the Task with its error, as the Lambda integration reports it, and waits for nothing', async () => {
    const arn = await local.start('callback-failing-function', { run: 'lab-broken' });
    const execution = await local.finished(arn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'LabStepFailed' });
    expect(JSON.parse(execution.cause ?? '')).toMatchObject({ errorType: 'LabStepFailed', errorMessage: 'the lesson page never opened' });
    const history = await local.history(arn);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expect(eventOf(history, 'TaskFailed')?.taskFailedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'LabStepFailed' });
    expect(await refused(local.sfn.send(success(await taskTokenOf(local, arn), {})))).toMatchObject(TIMED_OUT);
  });
});

describe('SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat', () => {
  test('a second SendTaskSuccess on the same token is TaskTimedOut, as is a heartbeat after it', async () => {
    const arn = await local.start('callback', { run: 'lab-twice' });
    const taskToken = await taskTokenOf(local, arn);
    expect(await local.sfn.send(new SendTaskHeartbeatCommand({ taskToken }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    await local.sfn.send(success(taskToken, { first: true }));
    expect(await refused(local.sfn.send(success(taskToken, { second: true })))).toMatchObject(TIMED_OUT);
    expect(await refused(local.sfn.send(new SendTaskHeartbeatCommand({ taskToken })))).toMatchObject(TIMED_OUT);
    expect(await local.finished(arn)).toMatchObject({ output: '{"first":true}' });
  });

  test('a string that is no task token is InvalidToken, in AWS’s words', async () => {
    for (const send of [success('NoSuchTaskToken', {}), new SendTaskFailureCommand({ taskToken: 'NoSuchTaskToken' }), new SendTaskHeartbeatCommand({ taskToken: 'NoSuchTaskToken' })]) {
      expect(await refused(local.sfn.send(send as SendTaskSuccessCommand))).toMatchObject({ name: 'InvalidToken', message: "Invalid Token: 'Invalid token'", $metadata: { httpStatusCode: 400 } });
    }
  });

  test('a well-formed token that names no task is TaskDoesNotExist, and leaves the running task waiting', async () => {
    const arn = await local.start('callback', { run: 'lab-unknown-token' });
    const taskToken = await taskTokenOf(local, arn);
    const unknown = refused(local.sfn.send(success(mintTaskToken(arn), {})));
    expect(await unknown).toMatchObject({ name: 'TaskDoesNotExist', $metadata: { httpStatusCode: 400 } });
    const noExecution = mintTaskToken('arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-callback:never-started');
    expect(await refused(local.sfn.send(new SendTaskFailureCommand({ taskToken: noExecution, error: 'X' })))).toMatchObject({ name: 'TaskDoesNotExist' });
    expect((await local.describe(arn)).status).toBe('RUNNING');
    await local.sfn.send(success(taskToken, 'done'));
    expect(await local.finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: '"done"' });
  });

  test('output that is not JSON is InvalidOutput, and the task goes on waiting for a proper one', async () => {
    const arn = await local.start('callback', { run: 'lab-bad-output' });
    const taskToken = await taskTokenOf(local, arn);
    expect(await refused(local.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"continued": ' })))).toMatchObject({
      name: 'InvalidOutput',
      message: expect.stringMatching(/^Invalid Output: '.+'$/),
      $metadata: { httpStatusCode: 400 },
    });
    expect((await local.describe(arn)).status).toBe('RUNNING');
    await local.sfn.send(success(taskToken, { continued: true }));
    expect(await local.finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: '{"continued":true}' });
  });

  test('the token of a stopped execution is TaskTimedOut', async () => {
    const arn = await local.start('callback', { run: 'lab-stopped' });
    const taskToken = await taskTokenOf(local, arn);
    await local.sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'UserStopped' }));
    expect(await refused(local.sfn.send(success(taskToken, {})))).toMatchObject(TIMED_OUT);
    expect(await refused(local.sfn.send(new SendTaskFailureCommand({ taskToken, error: 'Late' })))).toMatchObject(TIMED_OUT);
    const history = await local.history(arn);
    expect(typesOf(history).slice(-2)).toEqual(['TaskSubmitted', 'ExecutionAborted']);
  });

  test('IAM authorizes them on "*", as the Service Authorization Reference lists no resource type for them', async () => {
    const arn = await local.start('callback', { run: 'lab-iam' });
    const taskToken = await taskTokenOf(local, arn);
    const credentials = LabIdentities.fromFile({ partition: 'aws', region: REGION, accountId: LOCAL_ACCOUNT_ID }).credentialsOf('vpce-lab-Preflight');
    const asPreflight = new SFNClient({
      ...clientConfig(local.cloud.endpoint),
      credentials: { accessKeyId: credentials?.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: credentials?.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: credentials?.AWS_SESSION_TOKEN },
    });
    for (const [action, send] of [
      ['SendTaskSuccess', success(taskToken, {})],
      ['SendTaskFailure', new SendTaskFailureCommand({ taskToken })],
      ['SendTaskHeartbeat', new SendTaskHeartbeatCommand({ taskToken })],
    ] as const) {
      expect(await refused(asPreflight.send(send as SendTaskSuccessCommand))).toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(`is not authorized to perform: states:${action} on resource: * because no identity-based policy allows`),
      });
    }
    expect((await local.describe(arn)).status).toBe('RUNNING');
    await local.sfn.send(success(taskToken, 'admin'));
    expect(await local.finished(arn)).toMatchObject({ output: '"admin"' });
  });

  test('members beyond the service model’s lengths, or missing, are ValidationException', async () => {
    expect(await refused(local.sfn.send(new SendTaskSuccessCommand({ taskToken: 'x'.repeat(2049), output: '{}' })))).toMatchObject({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'x'.repeat(2049)}' at 'taskToken' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    });
    expect(await refused(local.sfn.send(new SendTaskFailureCommand({ taskToken: '', error: 'E'.repeat(257) })))).toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value '' at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256",
    });
    expect(await refused(local.sfn.send(new SendTaskSuccessCommand({ taskToken: 'NoSuchTaskToken', output: undefined as unknown as string })))).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('a callback Task’s timeout is wall-clock time', () => {
  /** At 0.01, a scaled second would take 10 ms. */
  const scaled = labForTests({
    timeScale: 0.01,
    extraStateMachines: { 'callback-timeout': STATE_MACHINES['callback-timeout'], 'callback-without-token': STATE_MACHINES['callback-without-token'] },
  });

  const waitedMs = (history: HistoryEvent[]): number =>
    (eventOf(history, 'TaskTimedOut')?.timestamp?.getTime() ?? NaN) - (eventOf(history, 'TaskStarted')?.timestamp?.getTime() ?? NaN);

  test('TimeoutSecondsPath: 1 and TimeoutSeconds: 1 wait about a second, whatever the time scale', async () => {
    const [byPath, bySeconds] = await Promise.all([scaled.start('callback-timeout', { run: 'lab-scaled', pauseSeconds: 1 }), scaled.start('callback-without-token', { run: 'lab-scaled' })]);
    expect(JSON.parse((await scaled.finished(byPath)).output ?? '').failure).toMatchObject({ Error: 'States.Timeout' });
    expect(await scaled.finished(bySeconds)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    for (const arn of [byPath, bySeconds]) {
      const history = await scaled.history(arn);
      expect(eventOf(history, 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(1);
      // Scaled, a second would take 10 ms here.
      expect(waitedMs(history)).toBeGreaterThanOrEqual(950);
      expect(waitedMs(history)).toBeLessThan(2_000);
    }
  });
});

test('a token from before a restart is TaskTimedOut: its execution was failed at the restart', async () => {
  const options = { dataDir: mkdtempSync(join(tmpdir(), 'vpce-lab-callback-restart-')), extraStateMachines: { callback: STATE_MACHINES.callback } };
  const before = await startLab(options);
  let taskToken: string;
  let arn: string;
  try {
    arn = await before.start('callback', { run: 'lab-restarted' });
    taskToken = await taskTokenOf(before, arn);
  } finally {
    await before.lab.close();
  }
  const after = await startLab(options);
  try {
    expect(await after.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(await refused(after.sfn.send(success(taskToken, {})))).toMatchObject(TIMED_OUT);
  } finally {
    await after.lab.close();
  }
});
