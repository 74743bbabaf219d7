import { CreateTagsCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import {
  DescribeInstanceInformationCommand,
  type DescribeInstanceInformationCommandInput,
  GetCommandInvocationCommand,
  GetParameterCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { clientConfig, localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';
import { type ConsumerNetwork, consumerNetwork, consumerWithInstances, interfaceEndpoint, launch, runScript, ssmEndpoints } from '../support/ssm-lab';

const local = localCloudForTests();
let network: ConsumerNetwork;
let publicInstance: string;
let privateInstance: string;

beforeAll(async () => {
  ({ network, publicInstance, privateInstance } = await consumerWithInstances(local.ec2, 0));
  local.cloud.settle();
});

const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

const managedIds = async (input: DescribeInstanceInformationCommandInput = {}): Promise<string[]> => {
  const { InstanceInformationList } = await local.ssm.send(new DescribeInstanceInformationCommand(input));
  return InstanceInformationList!.map((node) => node.InstanceId!);
};

describe('GetParameter', () => {
  test('answers the public Amazon Linux AMI parameters with an AMI id of the region', async () => {
    const { Parameter } = await local.ssm.send(new GetParameterCommand({ Name: AL2023 }));
    expect(Parameter).toMatchObject({
      Name: AL2023,
      Type: 'String',
      Value: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
      Version: expect.any(Number),
      DataType: 'text',
      ARN: `arn:aws:ssm:${REGION}::parameter${AL2023}`,
    });
    expect(Parameter!.LastModifiedDate).toBeInstanceOf(Date);
    const again = await local.ssm.send(new GetParameterCommand({ Name: AL2023 }));
    expect(again.Parameter!.Value).toBe(Parameter!.Value);
    const arm = await local.ssm.send(new GetParameterCommand({ Name: AL2023.replace('x86_64', 'arm64') }));
    const amazonLinux2 = await local.ssm.send(new GetParameterCommand({ Name: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2' }));
    expect(new Set([Parameter!.Value, arm.Parameter!.Value, amazonLinux2.Parameter!.Value]).size).toBe(3);

    const virginia = new SSMClient(clientConfig(local.cloud.endpoint, 'us-east-1'));
    const elsewhere = await virginia.send(new GetParameterCommand({ Name: AL2023 }));
    expect(elsewhere.Parameter!.Value).not.toBe(Parameter!.Value);
    expect(elsewhere.Parameter!.ARN).toBe(`arn:aws:ssm:us-east-1::parameter${AL2023}`);
  });

  test('an unknown parameter is ParameterNotFound', async () => {
    const error = await refused(local.ssm.send(new GetParameterCommand({ Name: '/aws/service/ami-amazon-linux-latest/nosuch' })));
    expect(error).toMatchObject({ name: 'ParameterNotFound', message: 'Parameter /aws/service/ami-amazon-linux-latest/nosuch not found.', $metadata: { httpStatusCode: 400 } });
  });
});

describe('DescribeInstanceInformation', () => {
  test('an instance is Online only while it reaches SSM: over the internet, or through the SSM endpoints', async () => {
    expect(await managedIds()).toEqual([publicInstance]);
    await ssmEndpoints(local.ec2, network);
    local.cloud.settle();
    expect(await managedIds()).toEqual([publicInstance, privateInstance]);

    const { InstanceInformationList } = await local.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [privateInstance] }] }));
    expect(InstanceInformationList).toEqual([
      expect.objectContaining({
        InstanceId: privateInstance,
        PingStatus: 'Online',
        PlatformType: 'Linux',
        PlatformName: 'Amazon Linux',
        ResourceType: 'EC2Instance',
        AgentVersion: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        IPAddress: expect.stringMatching(/^10\.0\.1\.\d+$/),
        ComputerName: expect.stringMatching(/^ip-10-0-1-\d+\.ap-northeast-2\.compute\.internal$/),
      }),
    ]);
    expect(InstanceInformationList![0]!.LastPingDateTime).toBeInstanceOf(Date);
  });

  test('SSM endpoints whose security group does not admit 443 leave the instance unmanaged', async () => {
    const isolated = await consumerNetwork(local.ec2, 6);
    const instance = await launch(local.ec2, isolated.privateSubnetId, isolated.instanceGroupId);
    for (const service of ['ssm', 'ssmmessages', 'ec2messages']) await interfaceEndpoint(local.ec2, isolated, service, isolated.instanceGroupId);
    local.cloud.settle();
    expect(await managedIds()).not.toContain(instance);
  });

  test('without DNS resolution in its VPC the agent cannot find SSM, and the instance drops out', async () => {
    const lab = await consumerNetwork(local.ec2, 7);
    const instance = await launch(local.ec2, lab.publicSubnetId, lab.instanceGroupId, { publicIp: true });
    local.cloud.settle();
    expect(await managedIds()).toContain(instance);
    await local.ec2.send(new ModifyVpcAttributeCommand({ VpcId: lab.vpcId, EnableDnsHostnames: { Value: false } }));
    await local.ec2.send(new ModifyVpcAttributeCommand({ VpcId: lab.vpcId, EnableDnsSupport: { Value: false } }));
    expect(await managedIds()).not.toContain(instance);
  });

  test('filters by ping status, tags and the legacy filter list, and refuses both at once', async () => {
    expect(await managedIds({ Filters: [{ Key: 'PingStatus', Values: ['ConnectionLost'] }] })).toEqual([]);
    expect(await managedIds({ InstanceInformationFilterList: [{ key: 'InstanceIds', valueSet: [publicInstance] }] })).toEqual([publicInstance]);
    await local.ec2.send(new CreateTagsCommand({ Resources: [publicInstance], Tags: [{ Key: 'role', Value: 'public' }] }));
    expect(await managedIds({ Filters: [{ Key: 'tag:role', Values: ['public'] }] })).toEqual([publicInstance]);
    expect(await managedIds({ Filters: [{ Key: 'tag-key', Values: ['role'] }] })).toEqual([publicInstance]);
    const both = await refused(
      local.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }], InstanceInformationFilterList: [{ key: 'PingStatus', valueSet: ['Online'] }] })),
    );
    expect(both.name).toBe('InvalidFilterKey');
    const unknown = await refused(local.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'Color', Values: ['blue'] }] })));
    expect(unknown.name).toBe('InvalidFilterKey');
  });

  test('pages 10 at a time by default, MaxResults from 5 to 50, and refuses a token it did not issue', async () => {
    for (let i = 0; i < 10; i++) await launch(local.ec2, network.publicSubnetId, network.instanceGroupId, { publicIp: true });
    local.cloud.settle();
    const first = await local.ssm.send(new DescribeInstanceInformationCommand({}));
    expect(first.InstanceInformationList).toHaveLength(10);
    const rest = await local.ssm.send(new DescribeInstanceInformationCommand({ NextToken: first.NextToken }));
    expect(rest.NextToken).toBeUndefined();
    const all = [...first.InstanceInformationList!, ...rest.InstanceInformationList!].map((node) => node.InstanceId);
    expect(new Set(all).size).toBe(all.length);
    const five = await local.ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 5 }));
    expect(five.InstanceInformationList).toHaveLength(5);
    const tooMany = await refused(local.ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 51 })));
    expect(tooMany).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('less than or equal to 50') });
    const forged = await refused(local.ssm.send(new DescribeInstanceInformationCommand({ NextToken: 'not-a-token' })));
    expect(forged.name).toBe('InvalidNextToken');
  });
});

describe('SendCommand and GetCommandInvocation', () => {
  const send = (input: Partial<ConstructorParameters<typeof SendCommandCommand>[0]>) =>
    local.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [publicInstance], Parameters: { commands: ['echo hi'] }, ...input }));

  test('answers a Pending command, whose invocation ends Success with the script output', async () => {
    const { Command } = await send({ Comment: 'lab check', TimeoutSeconds: 600 });
    expect(Command).toMatchObject({
      CommandId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      DocumentName: 'AWS-RunShellScript',
      Status: 'Pending',
      InstanceIds: [publicInstance],
      Parameters: { commands: ['echo hi'] },
      Comment: 'lab check',
      TimeoutSeconds: 600,
      TargetCount: 1,
    });
    local.cloud.settle();
    const invocation = await local.ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: publicInstance }));
    expect(invocation).toMatchObject({
      Status: 'Success',
      StatusDetails: 'Success',
      ResponseCode: 0,
      StandardOutputContent: 'hi\n',
      StandardErrorContent: '',
      PluginName: 'aws:runShellScript',
      DocumentName: 'AWS-RunShellScript',
      ExecutionElapsedTime: expect.stringMatching(/^PT[\d.]+S$/),
    });
  });

  test('a failing script is Failed with its exit status', async () => {
    const run = await runScript(local, publicInstance, ['echo partial', 'dig +badoption example.com']);
    expect(run).toMatchObject({ status: 'Failed', code: 1, stdout: 'partial\n' });
    expect(run.stderr).toMatch(/^Invalid option: \+badoption\n[\s\S]*failed to run commands: exit status 1$/);
  });

  test('refuses another document, missing commands, and instances that are not managed', async () => {
    const document = await refused(send({ DocumentName: 'AWS-RunPowerShellScript' }));
    expect(document).toMatchObject({ name: 'InvalidDocument', message: 'Document with name AWS-RunPowerShellScript does not exist.' });
    expect((await refused(send({ Parameters: {} }))).name).toBe('InvalidParameters');
    expect((await refused(send({ Parameters: { commands: ['true'], shell: ['zsh'] } }))).name).toBe('InvalidParameters');
    const isolated = await consumerNetwork(local.ec2, 8);
    const unmanaged = await launch(local.ec2, isolated.privateSubnetId, isolated.instanceGroupId);
    local.cloud.settle();
    const offline = await refused(send({ InstanceIds: [unmanaged] }));
    expect(offline).toMatchObject({ name: 'InvalidInstanceId', message: `Instances [[${unmanaged}]] not in a valid state for account 000000000000` });
    expect((await refused(send({ InstanceIds: ['i-0123456789abcdef0'] }))).name).toBe('InvalidInstanceId');
  });

  test('Targets select managed nodes by tag', async () => {
    await local.ec2.send(new CreateTagsCommand({ Resources: [publicInstance], Tags: [{ Key: 'check', Value: 'dns' }] }));
    const { Command } = await send({ InstanceIds: undefined, Targets: [{ Key: 'tag:check', Values: ['dns'] }] });
    expect(Command).toMatchObject({ InstanceIds: [], Targets: [{ Key: 'tag:check', Values: ['dns'] }], TargetCount: 1 });
    local.cloud.settle();
    const invocation = await local.ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: publicInstance }));
    expect(invocation.StandardOutputContent).toBe('hi\n');
  });

  test('an unknown command and instance pair is InvocationDoesNotExist; a malformed id InvalidCommandId', async () => {
    const { Command } = await send({});
    const missing = await refused(local.ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: privateInstance })));
    expect(missing.name).toBe('InvocationDoesNotExist');
    const malformed = await refused(local.ssm.send(new GetCommandInvocationCommand({ CommandId: 'nope', InstanceId: publicInstance })));
    expect(malformed.name).toBe('InvalidCommandId');
  });
});

describe('on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  let instance: string;
  beforeAll(async () => {
    const lab = await consumerNetwork(paced.ec2, 0);
    instance = await launch(paced.ec2, lab.publicSubnetId, lab.instanceGroupId, { publicIp: true });
  });

  const sendTo = async (commands: string[]) =>
    (await paced.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instance], Parameters: { commands } }))).Command!.CommandId!;
  const read = (commandId: string) => paced.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instance }));

  test('an instance is managed once it has booted and its agent has registered', async () => {
    paced.awsTimePasses(30);
    expect((await refused(sendTo(['true']))).name).toBe('InvalidInstanceId');
    paced.awsTimePasses(20);
    expect(await sendTo(['true'])).toBeTruthy();
  });

  test('an invocation is Pending, then InProgress while the script runs, then Success', async () => {
    const commandId = await sendTo(['sleep 10', 'echo done']);
    expect(await read(commandId)).toMatchObject({ Status: 'Pending', ResponseCode: -1, ExecutionStartDateTime: '' });
    paced.awsTimePasses(1);
    expect(await read(commandId)).toMatchObject({ Status: 'InProgress', StandardOutputContent: '', ResponseCode: -1 });
    paced.awsTimePasses(12);
    expect(await read(commandId)).toMatchObject({ Status: 'Success', StandardOutputContent: 'done\n', ResponseCode: 0, ExecutionElapsedTime: 'PT12S' });
  });

  test('with eventual consistency injected, a new invocation is not readable at first', async () => {
    paced.cloud.runtime.faults.consistencyDelaySeconds = 2;
    const commandId = await sendTo(['echo hi']);
    expect((await refused(read(commandId))).name).toBe('InvocationDoesNotExist');
    paced.awsTimePasses(2);
    expect((await read(commandId)).Status).toBe('InProgress');
    paced.awsTimePasses(2);
    expect((await read(commandId)).Status).toBe('Success');
    paced.cloud.runtime.faults.consistencyDelaySeconds = 0;
  });
});
