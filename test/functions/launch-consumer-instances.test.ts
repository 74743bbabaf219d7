import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/launch-consumer-instances';
import { consumer, invoke, plan, run, tagsOf, tokenOf, withLabEnvironment } from './build-fixtures';

const ec2 = mockClient(EC2Client);
beforeEach(() => {
  ec2.reset();
  withLabEnvironment();
  ec2.on(RunInstancesCommand).callsFake(({ ClientToken }) =>
    ClientToken === tokenOf('public-instance')
      ? { Instances: [{ InstanceId: 'i-0000000000000000a', PrivateIpAddress: '10.0.0.10' }] }
      : { Instances: [{ InstanceId: 'i-0000000000000000b', PrivateIpAddress: '10.0.1.25' }] },
  );
});

const launches = () => ec2.commandCalls(RunInstancesCommand).map((call) => call.args[0].input);

test('launches one t3.micro in each consumer subnet from the planned AMI, tagged with its network interface and volume at launch', async () => {
  await expect(invoke(handler, { run, plan, consumer })).resolves.toEqual({ publicInstanceId: 'i-0000000000000000a', privateInstanceId: 'i-0000000000000000b', privateInstanceIp: '10.0.1.25' });
  expect(launches()).toEqual(
    [
      [consumer.publicSubnetId, 'public-instance'],
      [consumer.privateSubnetId, 'private-instance'],
    ].map(([subnetId, logicalName]) => ({
      ImageId: plan.amiId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      SecurityGroupIds: [consumer.instanceSecurityGroupId],
      ClientToken: tokenOf(logicalName!),
      TagSpecifications: ['instance', 'network-interface', 'volume'].map((ResourceType) => ({ ResourceType, Tags: tagsOf(logicalName!) })),
    })),
  );
});

test('a retry sends the same ClientTokens, so EC2 answers with the instances already launched', async () => {
  const first = await invoke(handler, { run, plan, consumer });
  await expect(invoke(handler, { run, plan, consumer })).resolves.toEqual(first);
  const tokens = launches().map((input) => input.ClientToken);
  expect(tokens.slice(2)).toEqual(tokens.slice(0, 2));
});

test('the instance profile comes from LAB_INSTANCE_PROFILE, by name or by ARN', async () => {
  withLabEnvironment({ LAB_INSTANCE_PROFILE: 'vpce-lab-instance' });
  await invoke(handler, { run, plan, consumer });
  withLabEnvironment({ LAB_INSTANCE_PROFILE: 'arn:aws:iam::111122223333:instance-profile/vpce-lab-instance' });
  await invoke(handler, { run, plan, consumer });
  expect(launches().map((input) => input.IamInstanceProfile)).toEqual([
    { Name: 'vpce-lab-instance' },
    { Name: 'vpce-lab-instance' },
    { Arn: 'arn:aws:iam::111122223333:instance-profile/vpce-lab-instance' },
    { Arn: 'arn:aws:iam::111122223333:instance-profile/vpce-lab-instance' },
  ]);
});

test('a consumer without its subnets is refused as LabInputInvalid and launches nothing', async () => {
  await expect(invoke(handler, { run, plan, consumer: { ...consumer, privateSubnetId: undefined } })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(launches()).toHaveLength(0);
});

test('an answer without the private address fails the step rather than send the checks nowhere', async () => {
  ec2.on(RunInstancesCommand).resolves({ Instances: [{ InstanceId: 'i-0000000000000000b' }] });
  await expect(invoke(handler, { run, plan, consumer })).rejects.toThrow(/private address/);
});
