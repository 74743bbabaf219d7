import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointConnectionsCommand,
  type DescribeVpcEndpointConnectionsRequest,
  DescribeVpcEndpointServiceConfigurationsCommand,
  type DescribeVpcEndpointServiceConfigurationsRequest,
  EC2Client,
  RejectVpcEndpointConnectionsCommand,
  type ServiceConfiguration,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import type { SNSEvent } from 'aws-lambda';
import { awsClients } from '../../functions/commons/aws-clients';
import { TAG } from '../../functions/commons/lab-tags';
import { logger } from '../../functions/commons/logger';
import { handler } from '../../functions/handlers/accept-connection';
import { acceptConnections, ConnectionDecisionRefused } from '../../functions/lab/acceptance/accept-connection';
import { MAX_NOTIFICATION_BYTES } from '../../functions/lab/acceptance/connection-notification';
import { mockEachTest } from './mock-each-test';
import { context, ec2Error, RUN_ID, tagsOf, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
const LAB_ACCOUNT = '000000000000';
const OTHER_ACCOUNT = '999999999999';
const SERVICE_ID = 'vpce-svc-0123456789abcdef0';
const SECOND_SERVICE_ID = 'vpce-svc-0123456789abcdef1';
const FOREIGN_SERVICE_ID = 'vpce-svc-0aaaaaaaaaaaaaaa0';
const ENDPOINT_ID = 'vpce-0fedcba9876543210';

const subscriberArn = (serviceId = SERVICE_ID) => `arn:aws:ec2:ap-northeast-2:${LAB_ACCOUNT}:vpc-endpoint-service/${serviceId}`;

/** The message the local cloud sends; of it, the handler reads only `subscriberArn`. */
const message = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ subscriberArn: subscriberArn(), vpcEndpointId: ENDPOINT_ID, vpcEndpointOwner: LAB_ACCOUNT, vpcEndpointState: 'pendingAcceptance', eventType: 'Connect', ...fields });

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

/** The services and connections EC2 holds in a test, described through the filters the handler uses, as EC2 applies them. */
let services: ServiceConfiguration[];
let connections: VpcEndpointConnection[];

const connection = (VpcEndpointId: string, VpcEndpointState: string, VpcEndpointOwner = LAB_ACCOUNT, ServiceId = SERVICE_ID): VpcEndpointConnection => ({
  ServiceId,
  VpcEndpointId,
  VpcEndpointOwner,
  VpcEndpointState: wireState(VpcEndpointState),
});

const connectionIs = (state: string, owner = LAB_ACCOUNT) => {
  connections = [connection(ENDPOINT_ID, state, owner)];
};

const matches = (filters: { Name?: string; Values?: string[] }[] | undefined, field: (name: string) => string | undefined) =>
  (filters ?? []).every(({ Name = '', Values = [] }) => Values.includes(field(Name) ?? ''));

const describeConnections = ({ Filters }: DescribeVpcEndpointConnectionsRequest) => ({
  VpcEndpointConnections: connections.filter((item) =>
    matches(Filters, (name) => ({ 'service-id': item.ServiceId, 'vpc-endpoint-id': item.VpcEndpointId, 'vpc-endpoint-state': item.VpcEndpointState })[name]),
  ),
});

const describeServices = ({ ServiceIds, Filters }: DescribeVpcEndpointServiceConfigurationsRequest) => {
  const found = services.filter((service) => (ServiceIds ?? [service.ServiceId]).includes(service.ServiceId) && matches(Filters, (name) => service.Tags?.find((tag) => `tag:${tag.Key}` === name)?.Value));
  if (ServiceIds && found.length < ServiceIds.length) throw ec2Error('InvalidVpcEndpointServiceId.NotFound');
  return { ServiceConfigurations: found };
};

const decisionCalls = () => [...ec2.commandCalls(AcceptVpcEndpointConnectionsCommand), ...ec2.commandCalls(RejectVpcEndpointConnectionsCommand)];
const decided = (command: typeof AcceptVpcEndpointConnectionsCommand | typeof RejectVpcEndpointConnectionsCommand) => ec2.commandCalls(command).map((call) => call.args[0].input);

let info: jest.SpyInstance;
let warn: jest.SpyInstance;
beforeEach(() => {
  delete process.env.ACCEPT_ALLOWED_OWNERS;
  info = jest.spyOn(logger, 'info');
  warn = jest.spyOn(logger, 'warn');
  services = [{ ServiceId: SERVICE_ID, Tags: tagsOf(RUN_ID, 'endpoint-service') }];
  connectionIs('pendingAcceptance');
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).callsFake(describeServices);
  ec2.on(DescribeVpcEndpointConnectionsCommand).callsFake(describeConnections);
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
});
afterEach(() => jest.restoreAllMocks());

test('a connection from an allow-listed owner awaiting acceptance is accepted, with a logged reason', async () => {
  process.env.ACCEPT_ALLOWED_OWNERS = `111111111111, ${OTHER_ACCOUNT}`;
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message()))).resolves.toEqual([
    { serviceId: SERVICE_ID, vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'accept', reason: `endpoint owner ${OTHER_ACCOUNT} is allow-listed` },
  ]);
  expect(decided(AcceptVpcEndpointConnectionsCommand)).toEqual([{ ServiceId: SERVICE_ID, VpcEndpointIds: [ENDPOINT_ID] }]);
  expect(info).toHaveBeenCalledWith('connection accepted', expect.objectContaining({ vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'accept', reason: expect.any(String) }));
});

test("without an allow-list the lab's own account, the topic's, is accepted", async () => {
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ decision: 'accept', owner: LAB_ACCOUNT }]);
});

test('another owner is rejected, and the reason logged', async () => {
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ decision: 'reject', owner: OTHER_ACCOUNT }]);
  expect(decided(RejectVpcEndpointConnectionsCommand)).toEqual([{ ServiceId: SERVICE_ID, VpcEndpointIds: [ENDPOINT_ID] }]);
  expect(info).toHaveBeenCalledWith(
    'connection rejected',
    expect.objectContaining({ vpcEndpointId: ENDPOINT_ID, owner: OTHER_ACCOUNT, decision: 'reject', reason: `endpoint owner ${OTHER_ACCOUNT} is not in the allow-list (${LAB_ACCOUNT})` }),
  );
});

test('the owner EC2 reports decides, not the one the message claims', async () => {
  connectionIs('pendingAcceptance', OTHER_ACCOUNT);
  await expect(deliver(snsRecord(message({ vpcEndpointOwner: LAB_ACCOUNT })))).resolves.toMatchObject([{ decision: 'reject', owner: OTHER_ACCOUNT }]);
});

test('a notification with only subscriberArn accepts every allow-listed connection awaiting acceptance on that service and rejects the others', async () => {
  connections = [
    connection('vpce-0000000000000000a', 'pendingAcceptance'),
    connection('vpce-0000000000000000b', 'pendingAcceptance', OTHER_ACCOUNT),
    connection('vpce-0000000000000000c', 'pendingAcceptance'),
    connection('vpce-0000000000000000d', 'available'),
    connection('vpce-0000000000000000e', 'rejected', OTHER_ACCOUNT),
    connection('vpce-0000000000000000f', 'pendingAcceptance', LAB_ACCOUNT, SECOND_SERVICE_ID),
  ];
  await expect(deliver(snsRecord(JSON.stringify({ subscriberArn: subscriberArn() }))))
    .resolves.toEqual([
      expect.objectContaining({ vpcEndpointId: 'vpce-0000000000000000a', decision: 'accept' }),
      expect.objectContaining({ vpcEndpointId: 'vpce-0000000000000000b', decision: 'reject' }),
      expect.objectContaining({ vpcEndpointId: 'vpce-0000000000000000c', decision: 'accept' }),
    ]);
  expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)[0]?.args[0].input.Filters).toEqual([
    { Name: 'service-id', Values: [SERVICE_ID] },
    { Name: 'vpc-endpoint-state', Values: ['pendingAcceptance'] },
  ]);
  expect(decided(AcceptVpcEndpointConnectionsCommand)).toEqual([
    { ServiceId: SERVICE_ID, VpcEndpointIds: ['vpce-0000000000000000a'] },
    { ServiceId: SERVICE_ID, VpcEndpointIds: ['vpce-0000000000000000c'] },
  ]);
  expect(decided(RejectVpcEndpointConnectionsCommand)).toEqual([{ ServiceId: SERVICE_ID, VpcEndpointIds: ['vpce-0000000000000000b'] }]);
});

test('a forged message naming an endpoint that is not pending accepts nothing', async () => {
  connectionIs('available');
  connections.push(connection('vpce-0000000000000000b', 'rejected', OTHER_ACCOUNT));
  const forged = [message(), message({ vpcEndpointId: 'vpce-0000000000000000b', vpcEndpointOwner: LAB_ACCOUNT }), message({ vpcEndpointId: 'vpce-00000000000000099' })];
  await expect(deliver(...forged.map((text) => snsRecord(text)))).resolves.toEqual(
    forged.map(() => ({ ignored: `nothing awaits acceptance on ${SERVICE_ID}: already decided, or never requested` })),
  );
  expect(decisionCalls()).toHaveLength(0);
});

test("a message about a service not the lab's does nothing, even with a connection awaiting acceptance there", async () => {
  services.push({ ServiceId: FOREIGN_SERVICE_ID, Tags: tagsOf(RUN_ID).filter((tag) => tag.Key !== TAG.managed) });
  connections.push(connection('vpce-0000000000000000f', 'pendingAcceptance', LAB_ACCOUNT, FOREIGN_SERVICE_ID));
  await expect(deliver(snsRecord(message({ subscriberArn: subscriberArn(FOREIGN_SERVICE_ID), vpcEndpointId: 'vpce-0000000000000000f' })))).resolves.toEqual([
    { ignored: `endpoint service ${FOREIGN_SERVICE_ID} is not managed by vpce-lab` },
  ]);
  expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)).toHaveLength(0);
  expect(decisionCalls()).toHaveLength(0);
});

test("a message without subscriberArn is about any of the lab's services: those tagged as the lab's are read, no other", async () => {
  services.push({ ServiceId: SECOND_SERVICE_ID, Tags: tagsOf(RUN_ID, 'endpoint-service') }, { ServiceId: FOREIGN_SERVICE_ID, Tags: [] });
  connections.push(connection('vpce-0000000000000000f', 'pendingAcceptance', LAB_ACCOUNT, SECOND_SERVICE_ID), connection('vpce-0000000000000000e', 'pendingAcceptance', LAB_ACCOUNT, FOREIGN_SERVICE_ID));
  await expect(deliver(snsRecord(JSON.stringify({ vpcEndpointId: 'vpce-0000000000000000e' })))).resolves.toEqual([
    expect.objectContaining({ serviceId: SERVICE_ID, vpcEndpointId: ENDPOINT_ID, decision: 'accept' }),
    expect.objectContaining({ serviceId: SECOND_SERVICE_ID, vpcEndpointId: 'vpce-0000000000000000f', decision: 'accept' }),
  ]);
  expect(ec2.commandCalls(DescribeVpcEndpointServiceConfigurationsCommand)[0]?.args[0].input).toEqual({ Filters: [{ Name: `tag:${TAG.managed}`, Values: ['true'] }] });

  services = [];
  await expect(deliver(snsRecord('{}'))).resolves.toEqual([{ ignored: 'the message names no endpoint service, and the lab has none' }]);
});

test('the workflow accepting at the same moment is not an error: EC2 refuses the second accept, the connection is accepted', async () => {
  ec2.on(AcceptVpcEndpointConnectionsCommand).callsFake(() => {
    connectionIs('pending');
    return { Unsuccessful: [{ ResourceId: ENDPOINT_ID, Error: { Code: 'InvalidState', Message: 'already accepted' } }] };
  });
  await expect(deliver(snsRecord(message()))).resolves.toMatchObject([{ decision: 'accept' }]);
  expect(info).toHaveBeenCalledWith('connection accepted', expect.objectContaining({ alreadyDecided: expect.stringContaining('InvalidState') }));
});

test('a refusal while the connection still awaits acceptance is thrown, named and with its cause, for SNS to retry', async () => {
  const refusal = { ResourceId: ENDPOINT_ID, Error: { Code: 'InternalError', Message: 'try again' } };
  ec2.on(AcceptVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [refusal] });
  const thrown = deliver(snsRecord(message()));
  await expect(thrown).rejects.toBeInstanceOf(ConnectionDecisionRefused);
  await expect(thrown).rejects.toMatchObject({
    name: 'ConnectionDecisionRefused',
    message: `AcceptVpcEndpointConnections refused ${ENDPOINT_ID} on ${SERVICE_ID}: InternalError (try again)`,
    cause: refusal,
  });
});

test('throttling is thrown, for SNS to retry', async () => {
  ec2.on(DescribeVpcEndpointConnectionsCommand).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
  await expect(deliver(snsRecord(message()))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
});

test('a replayed notification, or one of another event, finds nothing awaiting acceptance and is ignored', async () => {
  connectionIs('available');
  const replays = [message(), message({ eventType: 'Accept', vpcEndpointState: 'pending' }), message({ eventType: 'Delete', vpcEndpointState: 'deleting' })];
  await expect(deliver(...replays.map((text) => snsRecord(text)))).resolves.toEqual(replays.map(() => ({ ignored: expect.stringMatching(/^nothing awaits acceptance/) })));
  expect(info.mock.calls.filter(([text]) => text === 'connection notification ignored')).toHaveLength(3);
  expect(decisionCalls()).toHaveLength(0);
});

test('a service that does not exist, or is not tagged vpce-lab:managed=true, is left alone', async () => {
  services = [];
  await expect(deliver(snsRecord(message()))).resolves.toEqual([{ ignored: `endpoint service ${SERVICE_ID} does not exist (any more)` }]);
  services = [{ ServiceId: SERVICE_ID, Tags: tagsOf(RUN_ID).filter((tag) => tag.Key !== TAG.managed) }];
  await expect(deliver(snsRecord(message()))).resolves.toEqual([{ ignored: `endpoint service ${SERVICE_ID} is not managed by vpce-lab` }]);
  expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)).toHaveLength(0);
  expect(decisionCalls()).toHaveLength(0);
});

test.each([
  ['a malformed notification', snsRecord('{"subscriberArn": ')],
  ['a truncated notification', snsRecord(message().slice(0, 60))],
  ['an oversized notification', snsRecord(message({ padding: 'x'.repeat(MAX_NOTIFICATION_BYTES) }))],
  ['a subscriberArn that is no string', snsRecord(message({ subscriberArn: 123456789012 }))],
  ['a null subscriberArn', snsRecord(message({ subscriberArn: null }))],
  ['a JSON array', snsRecord('[1, 2]')],
  ['a JSON string', snsRecord('"Connect"')],
  ['a consumer-side notification', snsRecord(message({ subscriberArn: `arn:aws:ec2:ap-northeast-2:${LAB_ACCOUNT}:vpc-endpoint/${ENDPOINT_ID}` }))],
  ['a record without its topic', snsRecord(message(), { TopicArn: undefined })],
  ['an SNS message of another type', { Sns: { Type: 'SubscriptionConfirmation', TopicArn: snsRecord('').Sns.TopicArn, Message: message() } }],
  ['something that is no record at all', 'hello'],
])('%s is logged and ignored, never thrown, and asks AWS nothing', async (_kind, record) => {
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

test("the first notification about one of the lab's services is logged as it came, once per execution environment", async () => {
  const dependencies = { clients: awsClients(), logger, allowedOwners: undefined, formatSample: { logged: false } };
  const asReceived = () => info.mock.calls.filter(([text]) => text === 'connection notification as received').map(([, details]) => details as unknown);
  const notification = message({ eventType: 'Connect' });

  await acceptConnections({ Records: [snsRecord('not json'), snsRecord(message({ subscriberArn: subscriberArn(FOREIGN_SERVICE_ID) }))] }, dependencies);
  expect(asReceived()).toEqual([]);
  await acceptConnections({ Records: [snsRecord(notification), snsRecord(message({ eventType: 'Accept' }))] }, dependencies);
  await acceptConnections({ Records: [snsRecord(notification)] }, dependencies);
  expect(asReceived()).toEqual([{ messageId: 'b1a4a3f2-0000-4000-8000-000000000001', message: notification }]);
});
