import { DescribeInstancesCommand, EC2Client, type InstanceStateName } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/await-instances-managed';
import { consumerInstances, invoke, otherRunTags, run, tagsOf } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
const { publicInstanceId, privateInstanceId } = consumerInstances;

function instances(states: Record<string, InstanceStateName>, tags = tagsOf('instance')) {
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: Object.entries(states).map(([InstanceId, Name]) => ({ InstanceId, State: { Name }, Tags: tags })) }] });
}
const online = (...ids: string[]) => ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: ids.map((InstanceId) => ({ InstanceId, PingStatus: 'Online' })) });

beforeEach(() => {
  ec2.reset();
  ssm.reset();
});

test('done once both instances are running and the public one is Online in SSM; the private one is never asked about', async () => {
  instances({ [publicInstanceId]: 'running', [privateInstanceId]: 'running' });
  online(publicInstanceId);
  await expect(invoke(handler, { run, consumerInstances })).resolves.toEqual({ managedInstanceIds: [publicInstanceId] });
  expect(ssm.commandCalls(DescribeInstanceInformationCommand)[0]!.args[0].input.Filters).toEqual([{ Key: 'InstanceIds', Values: [publicInstanceId] }]);
});

test('NotReady names the instance still starting and the one not yet Online', async () => {
  instances({ [publicInstanceId]: 'running', [privateInstanceId]: 'pending' });
  online();
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({
    name: 'NotReady',
    message: `consumer instances not ready yet: ${privateInstanceId} is still starting (pending); ${publicInstanceId} is running but not yet Online in SSM`,
  });
});

test('a private instance still starting keeps the step waiting even with the public one Online', async () => {
  instances({ [publicInstanceId]: 'running', [privateInstanceId]: 'pending' });
  online(publicInstanceId);
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({ name: 'NotReady', message: `consumer instances not ready yet: ${privateInstanceId} is still starting (pending)` });
});

test('with no instance running yet SSM is not asked', async () => {
  instances({ [publicInstanceId]: 'pending', [privateInstanceId]: 'pending' });
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({ name: 'NotReady' });
  expect(ssm.calls()).toHaveLength(0);
});

test('an instance EC2 does not list yet (eventual consistency after RunInstances) is NotReady', async () => {
  ec2.on(DescribeInstancesCommand).rejects(Object.assign(new Error(`The instance ID '${privateInstanceId}' does not exist`), { name: 'InvalidInstanceID.NotFound' }));
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining(privateInstanceId) });
});

test('a terminated instance will never be managed: the step fails', async () => {
  instances({ [publicInstanceId]: 'running', [privateInstanceId]: 'terminated' });
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining(`instance ${privateInstanceId} is terminated`) });
});

test("another run's instances are refused", async () => {
  instances({ [publicInstanceId]: 'running', [privateInstanceId]: 'running' }, otherRunTags);
  await expect(invoke(handler, { run, consumerInstances })).rejects.toMatchObject({ name: 'LabInputInvalid', message: expect.stringContaining('tagged for run lab-20261125-0900-ffff') });
  expect(ssm.calls()).toHaveLength(0);
});
