import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  RejectVpcEndpointConnectionsCommand,
  type State,
  type Tag,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/await-connection-accepted';
import { ACCOUNT, endpointService, invoke, otherRunTags, plan, run, serviceEndpoint, tagsOf, withLabEnvironment } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const STRANGER = '999988887777';
const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
const event = { run, plan, endpointService, serviceEndpoint };

/** The connection as the provider sees it; EC2 sends states in lower camel case. */
function connection(state: string, options: { owner?: string; requestedSecondsAgo?: number } = {}) {
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({
    VpcEndpointConnections: [
      { ServiceId: endpointService.serviceId, VpcEndpointId: serviceEndpoint.vpcEndpointId, VpcEndpointOwner: options.owner ?? ACCOUNT, VpcEndpointState: state as State, CreationTimestamp: secondsAgo(options.requestedSecondsAgo ?? 10) },
    ],
  });
}
const serviceTags = (Tags: Tag[]) => ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: endpointService.serviceId, Tags }] });
const decisions = () => [...ec2.commandCalls(AcceptVpcEndpointConnectionsCommand), ...ec2.commandCalls(RejectVpcEndpointConnectionsCommand)];

beforeEach(() => {
  ec2.reset();
  withLabEnvironment();
  serviceTags(tagsOf('endpoint-service'));
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
});

test('a connection already accepted (by accept-connection) is done, without a second decision', async () => {
  connection('pending');
  await expect(invoke(handler, event)).resolves.toEqual({ vpcEndpointId: serviceEndpoint.vpcEndpointId, state: 'pending' });
  expect(decisions()).toHaveLength(0);
  expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)[0]!.args[0].input.Filters).toEqual([
    { Name: 'service-id', Values: [endpointService.serviceId] },
    { Name: 'vpc-endpoint-id', Values: [serviceEndpoint.vpcEndpointId] },
  ]);
});

test('within the grace period a pending request is left to accept-connection: AwaitingAcceptance, nothing decided', async () => {
  connection('pendingAcceptance', { requestedSecondsAgo: 10 });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'AwaitingAcceptance', message: expect.stringMatching(/pendingAcceptance; accept-connection has until \d{4}-\d\d-\d\dT/) });
  expect(decisions()).toHaveLength(0);
});

test("after the grace period the workflow accepts the lab's own account itself", async () => {
  connection('pendingAcceptance', { requestedSecondsAgo: 61 });
  await expect(invoke(handler, event)).resolves.toEqual({
    vpcEndpointId: serviceEndpoint.vpcEndpointId,
    state: 'pending',
    workflowDecision: { accept: true, reason: `endpoint owner ${ACCOUNT} is allow-listed` },
  });
  expect(ec2.commandCalls(AcceptVpcEndpointConnectionsCommand)[0]!.args[0].input).toEqual({ ServiceId: endpointService.serviceId, VpcEndpointIds: [serviceEndpoint.vpcEndpointId] });
});

test('after the grace period an owner not allow-listed is rejected and the step fails with the reason', async () => {
  connection('pendingAcceptance', { owner: STRANGER, requestedSecondsAgo: 61 });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining(`endpoint owner ${STRANGER} is not in the allow-list (${ACCOUNT})`) });
  expect(ec2.commandCalls(RejectVpcEndpointConnectionsCommand)[0]!.args[0].input).toEqual({ ServiceId: endpointService.serviceId, VpcEndpointIds: [serviceEndpoint.vpcEndpointId] });
  expect(ec2.commandCalls(AcceptVpcEndpointConnectionsCommand)).toHaveLength(0);
});

test('ACCEPT_ALLOWED_OWNERS and ACCEPT_GRACE_SECONDS configure the policy', async () => {
  withLabEnvironment({ ACCEPT_ALLOWED_OWNERS: `${ACCOUNT},${STRANGER}`, ACCEPT_GRACE_SECONDS: '0' });
  connection('pendingAcceptance', { owner: STRANGER, requestedSecondsAgo: 0 });
  await expect(invoke(handler, event)).resolves.toMatchObject({ workflowDecision: { accept: true } });
});

test('an accept AWS did not carry out (the state moved meanwhile) is NotReady, so the next attempt reads it again', async () => {
  connection('pendingAcceptance', { requestedSecondsAgo: 61 });
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [{ ResourceId: serviceEndpoint.vpcEndpointId, Error: { Code: 'IncorrectState', Message: 'The VPC endpoint is pending' } }] });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('IncorrectState: The VPC endpoint is pending') });
});

test('a rejected connection fails the step without a new decision', async () => {
  connection('rejected', { owner: STRANGER });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('was rejected') });
  expect(decisions()).toHaveLength(0);
});

test('no connection listed yet is NotReady', async () => {
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({ VpcEndpointConnections: [] });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('no connection request') });
});

test("connections of a service that is not the run's are not decided", async () => {
  serviceTags(otherRunTags);
  connection('pendingAcceptance', { requestedSecondsAgo: 600 });
  await expect(invoke(handler, event)).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(decisions()).toHaveLength(0);
});

test('a grace longer than the acceptance wait covers is refused, saying what is allowed, before anything is decided', async () => {
  withLabEnvironment({ ACCEPT_GRACE_SECONDS: '3601' });
  connection('pendingAcceptance', { requestedSecondsAgo: 600 });
  await expect(invoke(handler, event)).rejects.toThrow("ACCEPT_GRACE_SECONDS must be a whole number of seconds from 0 to 3600, not '3601'");
  expect(decisions()).toHaveLength(0);
});
