import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { handler } from '../../functions/handlers/await-instances-terminated';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);

test('NotReady names each instance not yet terminated; terminated ones are not asked for', async () => {
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0a', State: { Name: 'shutting-down' } }] }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('i-0a (shutting-down)') });
  expect(ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters).toContainEqual({
    Name: 'instance-state-name',
    Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
  });
});

test('done once none is left short of terminated', async () => {
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
});
