import { MAX_NOTIFICATION_BYTES } from '../../../functions/lab/acceptance/connection-notification';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A connection that really is awaiting acceptance, on an endpoint service. */
export interface PendingConnection {
  readonly serviceId: string;
  readonly vpcEndpointId: string;
  readonly owner: string;
  readonly region: string;
}

/** The message the local cloud publishes for a Connect on `connection` (AWS documents no body). */
export const connectMessage = (connection: PendingConnection, fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  subscriberArn: `arn:aws:ec2:${connection.region}:${connection.owner}:vpc-endpoint-service/${connection.serviceId}`,
  vpcEndpointId: connection.vpcEndpointId,
  vpcEndpointOwner: connection.owner,
  vpcEndpointState: 'pendingAcceptance',
  eventType: 'Connect',
  ...fields,
});

/** One SNS record carrying `message`, as SNS hands it to a subscribed function. */
export const snsRecord = (message: unknown, sns: Record<string, unknown> = {}): Record<string, unknown> => ({
  EventSource: 'aws:sns',
  EventVersion: '1.0',
  EventSubscriptionArn: 'arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connection-notifications:5f0c1a2b',
  Sns: { Type: 'Notification', MessageId: '8b1c7a40-0000-4000-8000-000000000000', TopicArn: 'arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connection-notifications', Message: message, ...sns },
});

const WRONG_VALUES: readonly unknown[] = [null, 7, -1, true, [], {}, ['vpce-0123456789abcdef0'], '', ' ', 'pendingAcceptance'.repeat(10), '\u0000', '<script>'];

/**
 * A message that names none of the lab's endpoint services, each its own
 * way: the handler must turn it away without deciding anything, whatever
 * is pending.
 */
const BAD_MESSAGES: readonly ((random: Random, lab: PendingConnection, foreign: PendingConnection) => { kind: string; message: string })[] = [
  (random) => ({ kind: 'malformed', message: pick(random, ['', '{', 'null', '[]', '42', '"text"', 'Connect', '{"subscriberArn":}', '\u0000\u0001', '<xml/>']) }),
  (random, lab) => {
    const whole = JSON.stringify(connectMessage(lab));
    return { kind: 'truncated', message: whole.slice(0, Math.floor(random() * (whole.length - 1))) };
  },
  (random, lab) => ({ kind: 'oversized', message: JSON.stringify(connectMessage(lab, { padding: 'x'.repeat(MAX_NOTIFICATION_BYTES + Math.floor(random() * 10_000)) })) }),
  (random, lab) => ({ kind: 'wrong-type:subscriberArn', message: JSON.stringify(connectMessage(lab, { subscriberArn: pick(random, WRONG_VALUES) })) }),
  (random, lab) => ({
    kind: 'not-a-service',
    message: JSON.stringify(
      connectMessage(lab, {
        subscriberArn: pick(random, [
          `arn:aws:ec2:${lab.region}:${lab.owner}:vpc-endpoint/${lab.vpcEndpointId}`,
          `arn:aws:sns:${lab.region}:${lab.owner}:topic`,
          `arn:aws:ec2:${lab.region}:${lab.owner}:vpc-endpoint-service/${lab.serviceId}/../x`,
          'vpce-svc',
        ]),
      }),
    ),
  }),
  (_random, _lab, foreign) => ({ kind: 'forged:unmanaged-service', message: JSON.stringify(connectMessage(foreign)) }),
  (random, lab) => ({ kind: 'forged:unknown-service', message: JSON.stringify(connectMessage(lab, { subscriberArn: `arn:aws:ec2:${lab.region}:${lab.owner}:vpc-endpoint-service/vpce-svc-${Math.floor(random() * 1e16).toString(16).padStart(17, '0')}` })) }),
];

/**
 * A message about the lab's own service (or, with no `subscriberArn`, any
 * of the lab's) whose other fields are reshaped or forged: a trigger, which
 * may decide what EC2 really has awaiting acceptance there and nothing else.
 */
const RESHAPED_MESSAGES: readonly ((random: Random, lab: PendingConnection, foreign: PendingConnection) => { kind: string; message: string })[] = [
  (random, lab) => {
    const field = pick(random, ['vpcEndpointId', 'vpcEndpointOwner', 'vpcEndpointState', 'eventType']);
    return { kind: `wrong-type:${field}`, message: JSON.stringify(connectMessage(lab, { [field]: pick(random, WRONG_VALUES) })) };
  },
  (random, lab) => {
    const { [pick(random, ['subscriberArn', 'vpcEndpointId', 'vpcEndpointOwner', 'vpcEndpointState', 'eventType'])]: _dropped, ...rest } = connectMessage(lab);
    return { kind: 'missing-field', message: JSON.stringify(rest) };
  },
  (random, lab) => ({
    kind: 'not-a-connect',
    message: JSON.stringify(connectMessage(lab, pick(random, [{ eventType: 'Accept' }, { eventType: 'Reject' }, { eventType: 'Delete' }, { eventType: 'connect' }, { vpcEndpointState: 'available' }, { vpcEndpointState: 'rejected' }]))),
  }),
  (_random, lab, foreign) => ({ kind: 'forged:not-its-endpoint', message: JSON.stringify(connectMessage(lab, { vpcEndpointId: foreign.vpcEndpointId })) }),
  (_random, lab) => ({ kind: 'forged:owner', message: JSON.stringify(connectMessage(lab, { vpcEndpointOwner: '111122223333' })) }),
  (_random, lab) => ({ kind: 'subscriber-only', message: JSON.stringify({ subscriberArn: connectMessage(lab).subscriberArn }) }),
];

/** A message about the lab's service that claims what it likes of a connection, drawn from `random`. */
export function reshapedMessage(random: Random, lab: PendingConnection, foreign: PendingConnection): { kind: string; message: string } {
  return pick(random, RESHAPED_MESSAGES)(random, lab, foreign);
}

/** A message that must be turned away, drawn from `random`. */
export function badMessage(random: Random, lab: PendingConnection, foreign: PendingConnection): { kind: string; message: string } {
  return pick(random, BAD_MESSAGES)(random, lab, foreign);
}

/** An event that is no SNS delivery of a notification, or holds records that are none. */
const BAD_EVENTS: readonly ((random: Random, message: string) => unknown)[] = [
  (random) => pick(random, [undefined, null, 0, '', 'Records', [], {}, { Records: null }, { Records: 'x' }, { Records: {} }, { Records: 5 }]),
  (random) => ({ Records: [pick(random, [null, 1, 'x', [], {}])] }),
  (_random, message) => ({ Records: [snsRecord(message, { Type: 'SubscriptionConfirmation' })] }),
  (random) => ({ Records: [snsRecord(pick(random, [5, null, {}, ['a']]))] }),
  (_random, message) => ({ Records: [snsRecord(message, { MessageId: 'm'.repeat(10_000) })] }),
  (_random, message) => ({ Records: [{ Sns: null }, { Sns: { Message: message } }] }),
];

/** A bad event for AcceptConnection itself: the whole event malformed, or SNS records carrying bad messages. */
export function badEvent(random: Random, lab: PendingConnection, foreign: PendingConnection): { kind: string; event: unknown; records: number } {
  const { kind, message } = badMessage(random, lab, foreign);
  if (random() < 0.3) {
    const event = pick(random, BAD_EVENTS)(random, message);
    const records = (event as { Records?: unknown } | null | undefined)?.Records;
    return { kind: 'bad-event', event, records: Array.isArray(records) ? records.length : 1 };
  }
  const more = Array.from({ length: Math.floor(random() * 3) }, () => badMessage(random, lab, foreign).message);
  return { kind, event: { Records: [message, ...more].map((text) => snsRecord(text)) }, records: 1 + more.length };
}
