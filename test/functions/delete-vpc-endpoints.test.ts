import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { runFilters } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/delete-vpc-endpoints';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
const endpoints = (...list: [string, string][]) => ({ VpcEndpoints: list.map(([VpcEndpointId, State]) => ({ VpcEndpointId, State: wireState(State) })) });

test("deletes the run's endpoints found by its tags, leaving those already deleting alone", async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(['vpce-0a', 'available'], ['vpce-0b', 'pendingAcceptance'], ['vpce-0c', 'deleting'], ['vpce-0d', 'deleted']));
  ec2.on(DeleteVpcEndpointsCommand).resolves({ Unsuccessful: [] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ vpcEndpointIds: ['vpce-0a', 'vpce-0b'] });
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]?.args[0].input.Filters).toEqual(runFilters(RUN_ID));
  expect(ec2.commandCalls(DeleteVpcEndpointsCommand)[0]?.args[0].input.VpcEndpointIds).toEqual(['vpce-0a', 'vpce-0b']);
});

test('an endpoint EC2 reports gone already counts as done and is not in the summary', async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(['vpce-0a', 'available'], ['vpce-0b', 'available']));
  ec2.on(DeleteVpcEndpointsCommand).resolves({ Unsuccessful: [{ ResourceId: 'vpce-0b', Error: { Code: 'InvalidVpcEndpointId.NotFound', Message: 'gone' } }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ vpcEndpointIds: ['vpce-0a'] });
});

test('any other refusal fails the step with AWS code and message', async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(['vpce-0a', 'available']));
  ec2.on(DeleteVpcEndpointsCommand).resolves({ Unsuccessful: [{ ResourceId: 'vpce-0a', Error: { Code: 'UnauthorizedOperation', Message: 'not allowed' } }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toThrow('DeleteVpcEndpoints was refused: vpce-0a: UnauthorizedOperation (not allowed)');
});

test('with nothing left to delete it asks EC2 for nothing (a second run is a no-op)', async () => {
  ec2.on(DescribeVpcEndpointsCommand).resolves(endpoints(['vpce-0c', 'deleting']));
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ vpcEndpointIds: [] });
  expect(ec2.commandCalls(DeleteVpcEndpointsCommand)).toHaveLength(0);
});

test('a malformed run id is refused before anything is asked of AWS', async () => {
  await expect(handler({ runId: 'lab-*' }, context)).rejects.toMatchObject({ name: 'LabInputInvalid' });
  await expect(handler({ runId: RUN_ID, extra: 1 }, context)).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
