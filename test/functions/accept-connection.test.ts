import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import type { SNSEvent } from 'aws-lambda';
import { TAG } from '../../functions/commons/lab-tags';
import { logger } from '../../functions/commons/logger';
import { handler } from '../../functions/handlers/accept-connection';
import { MAX_NOTIFICATION_BYTES } from '../../functions/lab/connection-notification';
import { mockEachTest } from './mock-each-test';
import { context, ec2Error, RUN_ID, tagsOf, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
const LAB_ACCOUNT = '000000000000';
const OTHER_ACCOUNT = '999999999999';
const SERVICE_ID = 'vpce-svc-0123456789abcdef0';
const ENDPOINT_ID = 'vpce-0fedcba9876543210';

const message = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    subscriberArn: `arn:aws:ec2:ap-northeast-2:${LAB_ACCOUNT}:vpc-endpoint-service/${SERVICE_ID}`,
    vpcEndpointId: ENDPOINT_ID,
    vpcEndpointOwner: LAB_ACCOUNT,
    vpcEndpointState: 'pendingAcceptance',
    eventType: 'Connect',
    ...fields,
  });

const snsRecord = (Message: string, sns: Record<string, unknown> = {}) => ({
  EventSource: 'aws:sns',
  EventVersion: '1.0',
  EventSubscriptionArn: `arn:aws:sns:ap-northeast-2:${LAB_ACCOUNT}:vpce-lab-connections:0b3a7c1e`,
  Sns: {
    Type: 'Notification',
    MessageId: 'b1a4a3f2-0000-4000-8000-000000000001',
    TopicArn: `arn:aws:sns:ap-northeast-2:${LAB_ACCOUNT}:vpce-lab-connections`,
    Subject: null,
    Message,
    Timestamp: '2026-11-26T01:13:00.000Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertUrl: 'https://sns.ap-northeast-2.amazonaws.com/cert.pem',
    UnsubscribeUrl: 'https://sns.ap-northeast-2.amazonaws.com/?Action=Unsubscribe',
    MessageAttributes: {},
    ...sns,
  },
});

const deliver = (...records: unknown[]) => handler({ Records: records } as SNSEvent, context);

const connectionIs = (VpcEndpointState: string, VpcEndpointOwner = LAB_ACCOUNT) =>
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({ VpcEndpointConnections: [{ ServiceId: SERVICE_ID, VpcEndpointId: ENDPOINT_ID, VpcEndpointOwner, VpcEndpointState: wireState(VpcEndpointState) }] });

const decisionCalls = () => [...ec2.commandCalls(AcceptVpcEndpointConnectionsCommand), ...ec2.commandCalls(RejectVpcEndpointConnectionsCommand)];

let info: jest.SpyInstance;
let warn: jest.SpyInstance;
beforeEach(() => {
  delete process.env.ACCEPT_ALLOWED_OWNERS;
  info = jest.spyOn(logger, 'info');
  warn = jest.spyOn(logger, 'warn');
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: SERVICE_ID, Tags: tagsOf(RUN_ID, 'endpoint-service') }] });
  connectionIs('pendingAcceptance');
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
});
afterEach(() => jest.restoreAllMocks());

test('a Connect from an allow-listed owner is accepted, with a logged reason', async () => {
  process.env.ACCEPT_ALLOWED_OWNERS = `111111111111, ${OTHER_ACCOUNT}`;
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message({ vpcEndpointOwner: OTHER_ACCOUNT })))).resolves.toEqual([
    { vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'accept', reason: `endpoint owner ${OTHER_ACCOUNT} is allow-listed` },
  ]);
  expect(ec2.commandCalls(AcceptVpcEndpointConnectionsCommand)[0]?.args[0].input).toEqual({ ServiceId: SERVICE_ID, VpcEndpointIds: [ENDPOINT_ID] });
  expect(info).toHaveBeenCalledWith('connection accepted', expect.objectContaining({ vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'accept', reason: expect.any(String) }));
});

test("without an allow-list the service's own account is accepted", async () => {
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ decision: 'accept', owner: LAB_ACCOUNT }]);
});

test('another owner is rejected, and the reason logged', async () => {
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message({ vpcEndpointOwner: OTHER_ACCOUNT })))).resolves.toMatchObject([{ decision: 'reject', owner: OTHER_ACCOUNT }]);
  expect(ec2.commandCalls(RejectVpcEndpointConnectionsCommand)[0]?.args[0].input).toEqual({ ServiceId: SERVICE_ID, VpcEndpointIds: [ENDPOINT_ID] });
  expect(info).toHaveBeenCalledWith(
    'connection rejected',
    expect.objectContaining({ vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'reject', reason: `endpoint owner ${OTHER_ACCOUNT} is not in the allow-list (${LAB_ACCOUNT})` }),
  );
});

test('the owner EC2 reports decides, not the one the message claims', async () => {
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message({ vpcEndpointOwner: LAB_ACCOUNT })))).resolves.toMatchObject([{ decision: 'reject', owner: OTHER_ACCOUNT }]);
});

test('the workflow accepting at the same moment is not an error: EC2 refuses the second accept, the connection is accepted', async () => {
  ec2.on(AcceptVpcEndpointConnectionsCommand).callsFake(() => {
    connectionIs('pending');
    return { Unsuccessful: [{ ResourceId: ENDPOINT_ID, Error: { Code: 'InvalidState', Message: 'already accepted' } }] };
  });
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ decision: 'accept' }]);
  expect(info).toHaveBeenCalledWith('connection accepted', expect.objectContaining({ alreadyDecided: expect.stringContaining('InvalidState') }));
});

test('a refusal while the connection still awaits acceptance is thrown, for SNS to retry', async () => {
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [{ ResourceId: ENDPOINT_ID, Error: { Code: 'InternalError', Message: 'try again' } }] });
  await expect(deliver(snsRecord(message()))).rejects.toThrow(`AcceptVpcEndpointConnections refused ${ENDPOINT_ID} on ${SERVICE_ID}: InternalError (try again)`);
});

test('throttling is thrown, for SNS to retry', async () => {
  ec2.on(DescribeVpcEndpointConnectionsCommand).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
  await expect(deliver(snsRecord(message()))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
});

test('a replayed notification about a connection already decided is ignored', async () => {
  connectionIs('available');
  await expect(deliver(snsRecord(message()))).resolves.toEqual([{ ignored: 'already decided: the connection is available', vpcEndpointId: ENDPOINT_ID }]);
  expect(decisionCalls()).toHaveLength(0);
});

test('a connection that no longer exists, or a service that does not, is ignored', async () => {
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({ VpcEndpointConnections: [] });
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ ignored: expect.stringContaining('no longer connected') }]);
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).rejects(ec2Error('InvalidVpcEndpointServiceId.NotFound'));
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ ignored: expect.stringContaining('does not exist') }]);
  expect(decisionCalls()).toHaveLength(0);
});

test('a service not tagged vpce-lab:managed=true is left alone', async () => {
  const unmanaged = tagsOf(RUN_ID).filter((tag) => tag.Key !== TAG.managed);
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: SERVICE_ID, Tags: unmanaged }] });
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ ignored: expect.stringContaining('not managed by vpce-lab') }]);
  expect(decisionCalls()).toHaveLength(0);
});

test('notifications of other events (Accept, Reject, Delete) need nothing and ask AWS nothing', async () => {
  await deliver(snsRecord(message({ eventType: 'Accept', vpcEndpointState: 'pending' })), snsRecord(message({ eventType: 'Delete', vpcEndpointState: 'deleting' })));
  expect(ec2.calls()).toHaveLength(0);
});

test.each([
  ['a malformed notification', snsRecord('{"subscriberArn": ')],
  ['a truncated notification', snsRecord(message().slice(0, 60))],
  ['an oversized notification', snsRecord(message({ padding: 'x'.repeat(MAX_NOTIFICATION_BYTES) }))],
  ['a notification with wrong-type fields', snsRecord(message({ vpcEndpointOwner: 123456789012 }))],
  ['a JSON array', snsRecord('[1, 2]')],
  ['a consumer-side notification', snsRecord(message({ subscriberArn: `arn:aws:ec2:ap-northeast-2:${LAB_ACCOUNT}:vpc-endpoint/${ENDPOINT_ID}` }))],
  ['an SNS message of another type', { Sns: { Type: 'SubscriptionConfirmation', Message: message() } }],
  ['something that is no record at all', 'hello'],
])('%s is logged and ignored, never thrown', async (_kind, record) => {
  const [outcome] = await deliver(record);
  expect(outcome).toEqual({ ignored: expect.any(String) });
  expect(warn).toHaveBeenCalledWith('connection notification ignored', expect.objectContaining({ reason: expect.any(String) }));
  expect(ec2.calls()).toHaveLength(0);
});

test('an event without records is logged and ignored', async () => {
  await expect(handler({} as SNSEvent, context)).resolves.toEqual([]);
  await expect(handler(null as unknown as SNSEvent, context)).resolves.toEqual([]);
  expect(warn).toHaveBeenCalledTimes(2);
});

test('a bad record does not keep the good one in the same event from being decided', async () => {
  await expect(deliver(snsRecord('not json'), snsRecord(message()))).resolves.toMatchObject([{ ignored: expect.any(String) }, { decision: 'accept' }]);
});
