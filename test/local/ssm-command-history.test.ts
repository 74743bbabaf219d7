import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Command,
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  type ListCommandInvocationsCommandInput,
  ListCommandsCommand,
  type ListCommandsCommandInput,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { LOCAL_ACCOUNT_ID } from '../../local/cloud/cloud-runtime';
import { LabIdentities } from '../../local/iam/lab-identities';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';
import { type ConsumerNetwork, consumerNetwork, launch } from '../support/ssm-lab';

const RUN_ID = 'lab-20261206-0000-abcd';
/** The comment `vpce-lab exec` gives a student's command (functions/lab/guided/exec-script.ts). */
const execComment = (on: 'public' | 'private') => `vpce-lab exec ${RUN_ID} ${on}`;
const ERROR_TITLE = '\n----------ERROR-------\n';

describe('ListCommands and ListCommandInvocations on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  let network: ConsumerNetwork;
  beforeAll(async () => {
    network = await consumerNetwork(paced.ec2, 0);
  });

  /** A new managed node: a public instance, once its agent has registered. */
  const managedInstance = async (): Promise<string> => {
    const instanceId = await launch(paced.ec2, network.publicSubnetId, network.instanceGroupId, { publicIp: true });
    paced.awsTimePasses(50);
    return instanceId;
  };
  /** Long enough for the commands sent to end: the agent picks each up a second after it was sent, and the script's end is due from then. */
  const commandsEnd = () => {
    paced.awsTimePasses(1);
    paced.awsTimePasses(10);
  };
  const send = async (instanceId: string, comment: string, commands = ['echo hi']): Promise<Command> =>
    (await paced.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands }, Comment: comment }))).Command!;
  const list = async (input: ListCommandsCommandInput) => (await paced.ssm.send(new ListCommandsCommand(input))).Commands!;
  const ids = async (input: ListCommandsCommandInput) => (await list(input)).map((command) => command.Comment);
  const invocations = async (input: ListCommandInvocationsCommandInput) => (await paced.ssm.send(new ListCommandInvocationsCommand(input))).CommandInvocations!;

  test('a sent command is listed as SendCommand answered it, its status moving from Pending through InProgress to Success', async () => {
    const instance = await managedInstance();
    const sent = await send(instance, execComment('public'), ['sleep 10', 'echo done']);
    expect(sent).toMatchObject({ Comment: 'vpce-lab exec lab-20261206-0000-abcd public', Status: 'Pending', TargetCount: 1, CompletedCount: 0, ErrorCount: 0, DeliveryTimedOutCount: 0 });
    expect(await list({ CommandId: sent.CommandId })).toEqual([sent]);
    paced.awsTimePasses(1);
    expect(await list({ CommandId: sent.CommandId })).toEqual([{ ...sent, Status: 'InProgress', StatusDetails: 'InProgress' }]);
    paced.awsTimePasses(12);
    expect(await list({ InstanceId: instance })).toEqual([{ ...sent, Status: 'Success', StatusDetails: 'Success', CompletedCount: 1 }]);
  });

  test('newest first; filtered by InstanceId, InvokedAfter, InvokedBefore, Status, ExecutionStage and DocumentName', async () => {
    const [a, b] = [await managedInstance(), await managedInstance()];
    const since = { key: 'InvokedAfter' as const, value: new Date().toISOString() };
    await send(a, 'first');
    commandsEnd();
    const second = await send(b, 'second', ['nosuchcommand']);
    commandsEnd();
    await send(a, 'third');

    expect(await ids({ Filters: [since] })).toEqual(['third', 'second', 'first']);
    expect(await ids({ InstanceId: a })).toEqual(['third', 'first']);
    const secondAt = second.RequestedDateTime!.toISOString();
    expect(await ids({ Filters: [{ key: 'InvokedAfter', value: secondAt }] })).toEqual(['third', 'second']);
    expect(await ids({ Filters: [since, { key: 'InvokedBefore', value: secondAt }] })).toEqual(['first']);
    expect(await list({ Filters: [since, { key: 'Status', value: 'Failed' }] })).toEqual([
      expect.objectContaining({ Comment: 'second', Status: 'Failed', StatusDetails: 'Failed', TargetCount: 1, CompletedCount: 1, ErrorCount: 1 }),
    ]);
    expect(await ids({ Filters: [since, { key: 'Status', value: 'Success' }] })).toEqual(['first']);
    expect(await ids({ Filters: [since, { key: 'Status', value: 'Pending' }] })).toEqual(['third']);
    expect(await ids({ Filters: [since, { key: 'ExecutionStage', value: 'Executing' }] })).toEqual(['third']);
    expect(await ids({ Filters: [since, { key: 'ExecutionStage', value: 'Complete' }] })).toEqual(['second', 'first']);
    expect(await ids({ Filters: [since, { key: 'DocumentName', value: 'AWS-RunShellScript' }] })).toEqual(['third', 'second', 'first']);
    expect(await ids({ Filters: [since, { key: 'DocumentName', value: 'AWS-RunPowerShellScript' }] })).toEqual([]);

    const pendingOnNode = await refused(list({ InstanceId: a, Filters: [{ key: 'Status', value: 'Pending' }] }));
    expect(pendingOnNode).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  test('MaxResults 1 pages through three commands with NextToken, and a command sent meanwhile does not shift the pages', async () => {
    const instance = await managedInstance();
    for (const comment of ['one', 'two', 'three']) await send(instance, comment);
    const first = await paced.ssm.send(new ListCommandsCommand({ InstanceId: instance, MaxResults: 1 }));
    expect(first.Commands!.map((command) => command.Comment)).toEqual(['three']);
    await send(instance, 'four');
    const second = await paced.ssm.send(new ListCommandsCommand({ InstanceId: instance, MaxResults: 1, NextToken: first.NextToken }));
    expect(second.Commands!.map((command) => command.Comment)).toEqual(['two']);
    const third = await paced.ssm.send(new ListCommandsCommand({ InstanceId: instance, MaxResults: 1, NextToken: second.NextToken }));
    expect(third.Commands!.map((command) => command.Comment)).toEqual(['one']);
    expect(third.NextToken).toBeUndefined();
    const whole = await paced.ssm.send(new ListCommandsCommand({ InstanceId: instance }));
    expect(whole.Commands!.map((command) => command.Comment)).toEqual(['four', 'three', 'two', 'one']);
    expect(whole.NextToken).toBeUndefined();
  });

  test("ListCommandInvocations with Details gives each plugin's output as SSM Agent reports it, cut at 2,500 characters", async () => {
    const instance = await managedInstance();
    const long = await send(instance, 'long', [`echo ${'x'.repeat(3000)}`]);
    const failing = await send(instance, 'failing', ['echo partial', 'nosuchcommand']);
    commandsEnd();

    const [plain] = await invocations({ CommandId: long.CommandId });
    expect(plain).toEqual({
      CommandId: long.CommandId,
      InstanceId: instance,
      InstanceName: '',
      Comment: 'long',
      DocumentName: 'AWS-RunShellScript',
      DocumentVersion: '$DEFAULT',
      RequestedDateTime: long.RequestedDateTime,
      Status: 'Success',
      StatusDetails: 'Success',
      StandardOutputUrl: '',
      StandardErrorUrl: '',
      CommandPlugins: [],
      ServiceRole: '',
      NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
      CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    });

    const [detailed] = await invocations({ CommandId: long.CommandId, Details: true });
    const full = await paced.ssm.send(new GetCommandInvocationCommand({ CommandId: long.CommandId, InstanceId: instance }));
    expect(full.StandardOutputContent).toHaveLength(3001);
    const output = `${'x'.repeat(2477)}\n---Output truncated---`;
    expect(output).toHaveLength(2500);
    expect(detailed!.CommandPlugins).toEqual([
      {
        Name: 'aws:runShellScript',
        Status: 'Success',
        StatusDetails: 'Success',
        ResponseCode: 0,
        ResponseStartDateTime: new Date(full.ExecutionStartDateTime!),
        ResponseFinishDateTime: new Date(full.ExecutionEndDateTime!),
        Output: output,
        StandardOutputUrl: '',
        StandardErrorUrl: '',
        OutputS3Region: REGION,
        OutputS3BucketName: '',
        OutputS3KeyPrefix: '',
      },
    ]);

    const onNode = await invocations({ InstanceId: instance, Details: true });
    expect(onNode.map((invocation) => invocation.Comment)).toEqual(['failing', 'long']);
    const failed = await paced.ssm.send(new GetCommandInvocationCommand({ CommandId: failing.CommandId, InstanceId: instance }));
    expect(failed.StandardErrorContent).toMatch(/nosuchcommand: command not found\nfailed to run commands: exit status 127$/);
    expect(onNode[0]!.CommandPlugins).toEqual([expect.objectContaining({ Status: 'Failed', ResponseCode: 127, Output: `partial\n${ERROR_TITLE}${failed.StandardErrorContent}` })]);
    expect((await invocations({ InstanceId: instance, Filters: [{ key: 'Status', value: 'Failed' }] })).map((invocation) => invocation.Comment)).toEqual(['failing']);
  });

  test('refuses a filter key outside the model, ExecutionStage for invocations, a bad value, a token it did not issue and malformed or unknown ids', async () => {
    const instance = await managedInstance();
    const sent = await send(instance, 'refusals');

    const color = await refused(list({ Filters: [{ key: 'Color' as 'Status', value: 'blue' }] }));
    expect(color).toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'Color' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [InvokedAfter, InvokedBefore, Status, ExecutionStage, DocumentName]",
      $metadata: { httpStatusCode: 400 },
    });
    const stage = await refused(invocations({ Filters: [{ key: 'ExecutionStage', value: 'Executing' }] }));
    expect(stage).toMatchObject({ name: 'InvalidFilterKey', message: 'The ExecutionStage filter can only be used with ListCommands.', $metadata: { httpStatusCode: 400 } });
    expect(await refused(list({ Filters: [{ key: 'Status', value: 'Done' }] }))).toMatchObject({ name: 'InvalidFilterValue', message: 'The filter value Done is not valid for the filter key Status.' });
    expect((await refused(list({ Filters: [{ key: 'InvokedAfter', value: 'yesterday' }] }))).name).toBe('InvalidFilterValue');

    const forged = await refused(list({ NextToken: 'not-a-token' }));
    expect(forged).toMatchObject({ name: 'InvalidNextToken', message: 'The specified token is not valid.', $metadata: { httpStatusCode: 400 } });
    await send(instance, 'another');
    const { NextToken } = await paced.ssm.send(new ListCommandsCommand({ InstanceId: instance, MaxResults: 1 }));
    expect((await refused(invocations({ NextToken }))).name).toBe('InvalidNextToken');

    const tooMany = await refused(list({ MaxResults: 51, CommandId: 'nope' }));
    expect(tooMany.message).toBe(
      "2 validation errors detected: Value 'nope' at 'commandId' failed to satisfy constraint: Member must have length greater than or equal to 36; Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    const unknownId = sent.CommandId!.replace(/^[0-9a-f]{8}/, '00000000');
    expect(await refused(list({ CommandId: unknownId }))).toMatchObject({ name: 'InvalidCommandId', message: `${unknownId} is not a valid command ID.` });
    expect((await refused(invocations({ CommandId: unknownId }))).name).toBe('InvalidCommandId');
    const badInstance = await refused(list({ InstanceId: 'server-1' }));
    expect(badInstance.message).toBe(
      "1 validation error detected: Value 'server-1' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)",
    );
    expect(await refused(list({ InstanceId: 'i-0123456789abcdef0' }))).toMatchObject({
      name: 'InvalidInstanceId',
      message: `Instances [[i-0123456789abcdef0]] not in a valid state for account ${LOCAL_ACCOUNT_ID}`,
    });
  });

  test('SendCommand refuses a comment over 100 characters, which the history could not list as sent', async () => {
    const instance = await managedInstance();
    const error = await refused(send(instance, 'c'.repeat(101)));
    expect(error).toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100") });
    expect(await list({ InstanceId: instance })).toEqual([]);
  });

  const haveCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!haveCli) console.warn('the AWS CLI (aws) is not on the PATH: the list-commands CLI test is skipped');

  (haveCli ? test : test.skip)('the AWS CLI lists a command over HTTP, and prints the refusal of a filter key outside the model', async () => {
    const instance = await managedInstance();
    const sent = await send(instance, execComment('private'));
    commandsEnd();
    const directory = mkdtempSync(join(tmpdir(), 'ssm-history-cli-'));
    const aws = (args: readonly string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        const env = {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_SESSION_TOKEN: '',
          AWS_DEFAULT_REGION: REGION,
          AWS_CONFIG_FILE: join(directory, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(directory, 'none'),
          AWS_MAX_ATTEMPTS: '1',
          AWS_PAGER: '',
        };
        execFile('aws', ['--endpoint-url', paced.cloud.endpoint, 'ssm', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) =>
          resolve({ status: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
        );
      });
    try {
      const listed = await aws(['list-commands', '--instance-id', instance]);
      expect(listed).toMatchObject({ status: 0, stderr: '' });
      const [command, ...others] = (JSON.parse(listed.stdout) as { Commands: Record<string, unknown>[] }).Commands;
      expect(others).toEqual([]);
      expect(command).toMatchObject({ CommandId: sent.CommandId, Comment: 'vpce-lab exec lab-20261206-0000-abcd private', Status: 'Success', CompletedCount: 1, InstanceIds: [instance] });
      // CLI v1 prints timestamps as the epoch seconds the service sent.
      expect(command!.RequestedDateTime).toBe(sent.RequestedDateTime!.getTime() / 1000);

      // The CLI on this machine is v1, which exits 255 for a service error.
      const color = await aws(['list-commands', '--filters', 'key=Color,value=blue']);
      expect(color.status).toBe(255);
      expect(color.stderr).toBe(
        "\nAn error occurred (ValidationException) when calling the ListCommands operation: 1 validation error detected: Value 'Color' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [InvokedAfter, InvokedBefore, Status, ExecutionStage, DocumentName]\n",
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('IAM', () => {
  const scope = { partition: 'aws', region: REGION, accountId: LOCAL_ACCOUNT_ID };
  const role = (name: string) => `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${name}`;
  const identities = new LabIdentities(
    {
      functions: {
        'history-reader': { role: role('HistoryReader'), statements: [{ Effect: 'Allow', Action: ['ssm:ListCommands', 'ssm:ListCommandInvocations'], Resource: '*' }] },
        'command-runner': { role: role('CommandRunner'), statements: [{ Effect: 'Allow', Action: ['ssm:SendCommand', 'ssm:GetCommandInvocation'], Resource: '*' }] },
      },
      instanceProfiles: {},
      instanceRoles: {},
    },
    scope,
  );
  const local = localCloudForTests({ iam: identities });
  const as = (name: string) => {
    const credentials = identities.credentialsOf(name)!;
    return new SSMClient({
      region: REGION,
      endpoint: local.cloud.endpoint,
      credentials: { accessKeyId: credentials.AWS_ACCESS_KEY_ID, secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY, sessionToken: credentials.AWS_SESSION_TOKEN },
      maxAttempts: 1,
    });
  };

  test('ListCommands and ListCommandInvocations have no resource type: authorized on "*", allowed by a policy that names them', async () => {
    expect((await as('history-reader').send(new ListCommandsCommand({}))).Commands).toEqual([]);
    expect((await as('history-reader').send(new ListCommandInvocationsCommand({}))).CommandInvocations).toEqual([]);
    const deniedFor = (action: string) => ({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/CommandRunner/command-runner is not authorized to perform: ssm:${action} on resource: * because no identity-based policy allows the ssm:${action} action`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(await refused(as('command-runner').send(new ListCommandsCommand({})))).toMatchObject(deniedFor('ListCommands'));
    expect(await refused(as('command-runner').send(new ListCommandInvocationsCommand({})))).toMatchObject(deniedFor('ListCommandInvocations'));
  });
});
