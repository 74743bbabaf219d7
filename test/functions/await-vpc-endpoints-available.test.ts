import { DescribeVpcEndpointsCommand, EC2Client, type Tag, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { runFilters } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/await-vpc-endpoints-available';
import { invoke, otherRunTags, run, tagsOf } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const ids = ['vpce-0000000000000000a', 'vpce-0000000000000000b'];

/** EC2 sends endpoint states in lower camel case (`pendingAcceptance`), unlike the SDK's enum. */
function endpoints(states: string[], tags: Tag[] = tagsOf('endpoint')) {
  const listed: VpcEndpoint[] = states.map((state, n) => ({ VpcEndpointId: ids[n], ServiceName: `com.amazonaws.ap-northeast-2.svc${n}`, State: state as VpcEndpoint['State'], Tags: tags }));
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: listed });
}

beforeEach(() => ec2.reset());

test('done when every endpoint named is available', async () => {
  endpoints(['available', 'available']);
  await expect(invoke(handler, { run, vpcEndpointIds: ids })).resolves.toEqual({ availableVpcEndpointIds: ids });
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]!.args[0].input.VpcEndpointIds).toEqual(ids);
});

test('NotReady names the endpoints still pending or awaiting acceptance', async () => {
  endpoints(['pending', 'pendingAcceptance']);
  await expect(invoke(handler, { run, vpcEndpointIds: ids })).rejects.toMatchObject({
    name: 'NotReady',
    message: `VPC endpoints not available yet: ${ids[0]} (com.amazonaws.ap-northeast-2.svc0) is pending; ${ids[1]} (com.amazonaws.ap-northeast-2.svc1) is pendingAcceptance`,
  });
});

test('a rejected or failed endpoint will not become available: the step fails', async () => {
  endpoints(['available', 'rejected']);
  await expect(invoke(handler, { run, vpcEndpointIds: ids })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining(`${ids[1]} (com.amazonaws.ap-northeast-2.svc1) is rejected`) });
});

test('no endpoints to wait for (a scenario without them) is done without a call', async () => {
  await expect(invoke(handler, { run, vpcEndpointIds: [] })).resolves.toEqual({ availableVpcEndpointIds: [] });
  expect(ec2.calls()).toHaveLength(0);
});

test("another run's endpoint is refused", async () => {
  endpoints(['available', 'available'], otherRunTags);
  await expect(invoke(handler, { run, vpcEndpointIds: ids })).rejects.toMatchObject({ name: 'LabInputInvalid' });
});

test('without ids, every endpoint tagged for the run is awaited (the workflow need not gather them across lessons)', async () => {
  endpoints(['available', 'pending']);
  await expect(invoke(handler, { run })).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining(`${ids[1]} (com.amazonaws.ap-northeast-2.svc1) is pending`) });
  expect(ec2.commandCalls(DescribeVpcEndpointsCommand)[0]!.args[0].input).toEqual({ Filters: runFilters(run.runId) });
  endpoints(['available', 'available']);
  await expect(invoke(handler, { run })).resolves.toEqual({ availableVpcEndpointIds: ids });
});
