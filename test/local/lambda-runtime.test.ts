import { labForTests, STAND_IN_FUNCTIONS } from '../support/local-lab-fixture';

const task = (resource: string) => ({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: resource, End: true } } });

const FUNCTIONS = [
  ...STAND_IN_FUNCTIONS,
  { id: 'Missing', entry: 'test/support/stand-in-functions/not-written-yet.ts', timeoutSeconds: 5 },
  { id: 'NoHandler', entry: 'test/support/stand-in-functions/named-error.ts', timeoutSeconds: 5 },
  { id: 'Sluggish', entry: 'test/support/stand-in-functions/slow.ts', timeoutSeconds: 0.05 },
];

const STATE_MACHINES = {
  environment: task('${EnvironmentFunctionArn}'),
  missing: task('${MissingFunctionArn}'),
  unregistered: task('arn:aws:lambda:ap-northeast-2:000000000000:function:vpce-lab-NeverRegistered'),
  'no-handler': task('${NoHandlerFunctionArn}'),
  sluggish: task('${SluggishFunctionArn}'),
};

const local = labForTests({
  functions: FUNCTIONS,
  extraStateMachines: STATE_MACHINES,
  allowedOwners: ['111122223333', '000000000000'],
  acceptGraceSeconds: 7,
  environment: { LAB_SETTING: 'from the composition' },
});

const failureOf = async (key: string, input: unknown = {}) => {
  const execution = await local.finished(await local.start(key, input));
  return { status: execution.status, error: execution.error, cause: execution.cause ?? '' };
};

test('a handler runs with the environment and context Lambda would give it', async () => {
  const execution = await local.finished(await local.start('environment'));
  const { env, context } = JSON.parse(execution.output ?? '');
  expect(env).toEqual({
    AWS_REGION: 'ap-northeast-2',
    AWS_ENDPOINT_URL: local.lab.cloud.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'vpce-lab-Environment',
    CONNECTION_TOPIC_ARN: 'arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connection-notifications',
    ACCEPT_ALLOWED_OWNERS: '111122223333,000000000000',
    ACCEPT_GRACE_SECONDS: '7',
    LAB_SETTING: 'from the composition',
    hasCredentials: true,
  });
  expect(context).toMatchObject({
    functionName: 'vpce-lab-Environment',
    invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:000000000000:function:vpce-lab-Environment',
    memoryLimitInMB: '128',
    awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    logGroupName: '/aws/lambda/vpce-lab-Environment',
  });
  expect(context.remainingMs).toBeGreaterThan(0);
  expect(context.remainingMs).toBeLessThanOrEqual(5_000);
});

test('a function whose entry is not written yet, or that is not registered, is Lambda.ResourceNotFoundException', async () => {
  expect(await failureOf('missing')).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException', cause: expect.stringContaining('Function not found: arn:aws:lambda:ap-northeast-2:000000000000:function:vpce-lab-Missing') });
  expect(await failureOf('unregistered')).toMatchObject({ error: 'Lambda.ResourceNotFoundException', cause: expect.stringContaining('vpce-lab-NeverRegistered') });
});

test('a module that exports no handler is Runtime.HandlerNotFound', async () => {
  const failure = await failureOf('no-handler');
  expect(failure.error).toBe('Runtime.HandlerNotFound');
  expect(JSON.parse(failure.cause).errorMessage).toMatch(/named-error\.ts\.handler is undefined or not exported$/);
});

test('a handler running past its timeout fails with Sandbox.Timedout', async () => {
  const failure = await failureOf('sluggish', { item: 1, ms: 500 });
  expect(failure.error).toBe('Sandbox.Timedout');
  expect(JSON.parse(failure.cause).errorMessage).toMatch(/Task timed out after 0\.05 seconds$/);
});
