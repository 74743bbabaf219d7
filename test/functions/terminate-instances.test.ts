import { DescribeInstancesCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { runFilters } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/terminate-instances';
import { mockEachTest } from './mock-each-test';
import { context, ec2Error, RUN_ID } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
beforeEach(() => {
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0a' }, { InstanceId: 'i-0b' }] }] });
  ec2.on(TerminateInstancesCommand).resolves({});
});

test("terminates the run's instances that are not already on their way out, in one call", async () => {
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ instanceIds: ['i-0a', 'i-0b'] });
  expect(ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters).toEqual([
    ...runFilters(RUN_ID),
    { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
  ]);
  expect(ec2.commandCalls(TerminateInstancesCommand).map((call) => call.args[0].input.InstanceIds)).toEqual([['i-0a', 'i-0b']]);
});

test('when EC2 no longer knows one of them, each is terminated on its own and the unknown one left out', async () => {
  ec2.on(TerminateInstancesCommand).rejects(ec2Error('InvalidInstanceID.NotFound'));
  ec2.on(TerminateInstancesCommand, { InstanceIds: ['i-0a'] }).resolves({});
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ instanceIds: ['i-0a'] });
});

test('with no instance left to terminate it terminates nothing', async () => {
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ instanceIds: [] });
  expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
});

test('any other failure propagates', async () => {
  ec2.on(TerminateInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
});
