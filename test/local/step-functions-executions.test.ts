import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { refused } from '../support/refused';
import { eventually, functionArn, labForTests } from '../support/local-lab-fixture';

/** Waits on a wall-clock timestamp an hour ahead: running until stopped, whatever the time scale. */
const waitingForever = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', TimestampPath: '$.until', End: true } } };
const anHourAhead = () => ({ until: new Date(Date.now() + 3_600_000).toISOString() });

const STATE_MACHINES = {
  echo: { StartAt: 'Answer', States: { Answer: { Type: 'Task', Resource: '${EchoFunctionArn}', End: true } } },
  hold: waitingForever,
  'hold-parent': {
    StartAt: 'HoldInChild',
    States: {
      HoldInChild: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: '${HoldStateMachineArn}', 'Input.$': '$' }, End: true },
    },
  },
};

const local = labForTests({ extraStateMachines: STATE_MACHINES });

const arnOf = (key: string): string => local.lab.stateMachineArns[key] ?? '';

describe('state machines', () => {
  test('are listed with their ARNs and described with the substituted definition', async () => {
    const { stateMachines } = await local.sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((machine) => machine.name)).toEqual(['vpce-lab-echo', 'vpce-lab-hold', 'vpce-lab-hold-parent']);
    expect(stateMachines?.[0]).toMatchObject({ stateMachineArn: 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-echo', type: 'STANDARD' });
    const described = await local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf('echo') }));
    expect(described).toMatchObject({ name: 'vpce-lab-echo', status: 'ACTIVE', type: 'STANDARD', roleArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//) });
    expect(JSON.parse(described.definition ?? '').States.Answer.Resource).toBe(functionArn('Echo'));
    expect(described.creationDate).toBeInstanceOf(Date);
  });

  test('an unknown one is StateMachineDoesNotExist, a malformed ARN InvalidArn', async () => {
    const unknown = 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-nothing';
    expect(await refused(local.sfn.send(new StartExecutionCommand({ stateMachineArn: unknown })))).toMatchObject({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${unknown}'`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(await refused(local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'vpce-lab-echo' })))).toMatchObject({ name: 'InvalidArn' });
  });
});

describe('StartExecution', () => {
  test('the same name and input while running is the same execution; other input, or after it ended, ExecutionAlreadyExists', async () => {
    const input = JSON.stringify(anHourAhead());
    const first = await local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'run-once', input }));
    const again = await local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'run-once', input }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(first.executionArn).toBe('arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-hold:run-once');
    const other = await refused(local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'run-once', input: '{"until":"2000-01-01T00:00:00Z"}' })));
    expect(other).toMatchObject({ name: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${first.executionArn}'` });
    await local.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect(await refused(local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'run-once', input })))).toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  test('input that is not JSON is InvalidExecutionInput, a name with forbidden characters InvalidName', async () => {
    expect(await refused(local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('echo'), input: '{"run": ' })))).toMatchObject({
      name: 'InvalidExecutionInput',
      message: expect.stringContaining('Invalid State Machine Execution Input'),
    });
    expect(await refused(local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('echo'), name: 'lab run/1' })))).toMatchObject({ name: 'InvalidName' });
  });

  test('an X-Ray trace header, which the local cloud does not model, is ValidationException and starts nothing', async () => {
    const traced = new StartExecutionCommand({ stateMachineArn: arnOf('hold'), name: 'traced', input: JSON.stringify(anHourAhead()), traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793' });
    expect(await refused(local.sfn.send(traced))).toMatchObject({
      name: 'ValidationException',
      message: 'The local cloud does not model the parameter traceHeader of StartExecution, and refuses the request rather than ignore it.',
    });
    expect((await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('hold') }))).executions?.map((execution) => execution.name)).not.toContain('traced');
  });

  test('without input the execution gets {} and without a name a UUID', async () => {
    const { executionArn } = await local.sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf('echo') }));
    expect(executionArn).toMatch(/:execution:vpce-lab-echo:[0-9a-f-]{36}$/);
    const execution = await local.finished(executionArn ?? '');
    expect(execution).toMatchObject({ status: 'SUCCEEDED', input: '{}', output: '{"echoed":{}}', inputDetails: { included: true } });
    expect(execution.stopDate!.getTime()).toBeGreaterThanOrEqual(execution.startDate!.getTime());
  });
});

describe('DescribeExecution and ListExecutions', () => {
  test('an unknown execution is ExecutionDoesNotExist', async () => {
    const executionArn = 'arn:aws:states:ap-northeast-2:000000000000:execution:vpce-lab-echo:never-started';
    expect(await refused(local.sfn.send(new DescribeExecutionCommand({ executionArn })))).toMatchObject({
      name: 'ExecutionDoesNotExist',
      message: `Execution Does Not Exist: '${executionArn}'`,
    });
  });

  test('lists a state machine’s executions newest first, by status, in pages', async () => {
    const started: string[] = [];
    for (let i = 0; i < 5; i++) started.push(await local.start('echo', { i }, `paged-${i}`));
    await Promise.all(started.map((arn) => local.finished(arn)));
    const first = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('echo'), statusFilter: 'SUCCEEDED', maxResults: 3 }));
    expect(first.executions).toHaveLength(3);
    const rest = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('echo'), statusFilter: 'SUCCEEDED', maxResults: 3, nextToken: first.nextToken }));
    const listed = [...(first.executions ?? []), ...(rest.executions ?? [])];
    expect(listed.map((execution) => execution.executionArn)).toEqual(expect.arrayContaining(started));
    expect(listed.every((execution) => execution.status === 'SUCCEEDED' && execution.stateMachineArn === arnOf('echo'))).toBe(true);
    const dates = listed.map((execution) => execution.startDate!.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const running = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('echo'), statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
    expect(await refused(local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('echo'), nextToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidToken' });
  });
});

describe('GetExecutionHistory', () => {
  test('tells a Lambda Task in AWS’s events, numbered and chained, with timestamps', async () => {
    const arn = await local.start('echo', { runId: 'lab-1' });
    await local.finished(arn);
    const history = await local.history(arn);
    expect(history.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.map((event) => [event.id, event.previousEventId])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
      [6, 5],
      [7, 6],
    ]);
    const times = history.map((event) => event.timestamp!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [started, entered, scheduled, , succeeded, exited, done] = history;
    expect(started?.executionStartedEventDetails).toMatchObject({ input: '{"runId":"lab-1"}', roleArn: expect.stringContaining(':role/') });
    expect(entered?.stateEnteredEventDetails).toMatchObject({ name: 'Answer', input: '{"runId":"lab-1"}' });
    expect(scheduled?.lambdaFunctionScheduledEventDetails).toMatchObject({ resource: functionArn('Echo'), input: '{"runId":"lab-1"}' });
    expect(succeeded?.lambdaFunctionSucceededEventDetails?.output).toBe('{"echoed":{"runId":"lab-1"}}');
    expect(exited?.stateExitedEventDetails).toMatchObject({ name: 'Answer', output: '{"echoed":{"runId":"lab-1"}}' });
    expect(done?.executionSucceededEventDetails?.output).toBe('{"echoed":{"runId":"lab-1"}}');
  });

  test('pages newest first with reverseOrder, and leaves out inputs and outputs when asked to', async () => {
    const arn = await local.start('echo', { secret: 'data' });
    await local.finished(arn);
    const page = await local.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true, maxResults: 2, includeExecutionData: false }));
    expect(page.events?.map((event) => event.type)).toEqual(['ExecutionSucceeded', 'TaskStateExited']);
    expect(page.events?.[0]?.executionSucceededEventDetails?.output).toBeUndefined();
    expect(page.events?.[1]?.stateExitedEventDetails).toEqual({ name: 'Answer', outputDetails: { truncated: false } });
    const next = await local.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder: true, maxResults: 2, nextToken: page.nextToken }));
    expect(next.events?.map((event) => event.id)).toEqual([5, 4]);
  });
});

describe('StopExecution', () => {
  test('aborts a running execution with the given error and cause, ending its history', async () => {
    const arn = await local.start('hold', anHourAhead());
    const { stopDate } = await local.sfn.send(new StopExecutionCommand({ executionArn: arn, error: 'UserStopped', cause: 'teardown requested' }));
    expect(stopDate).toBeInstanceOf(Date);
    expect(await local.describe(arn)).toMatchObject({ status: 'ABORTED', error: 'UserStopped', cause: 'teardown requested', stopDate });
    const history = await local.history(arn);
    expect(history.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'UserStopped', cause: 'teardown requested' } });
    const again = await local.sfn.send(new StopExecutionCommand({ executionArn: arn }));
    expect(again.stopDate).toEqual(stopDate);
    expect((await local.history(arn)).length).toBe(history.length);
  });

  test('stopping a parent aborts the child execution it waits on', async () => {
    const arn = await local.start('hold-parent', anHourAhead());
    let childArn: string | undefined;
    await eventually(async () => {
      childArn = (await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: arnOf('hold'), statusFilter: 'RUNNING' }))).executions?.[0]?.executionArn;
      return childArn !== undefined;
    });
    await local.sfn.send(new StopExecutionCommand({ executionArn: arn }));
    expect((await local.describe(arn)).status).toBe('ABORTED');
    expect((await local.describe(childArn ?? '')).status).toBe('ABORTED');
  });
});
