import { z } from 'zod';

/**
 * A connection notification is a few hundred bytes; a message far larger is
 * not one, and is refused before it is parsed.
 */
export const MAX_NOTIFICATION_BYTES = 4096;

/** Only notifications on an endpoint service name one (`…:vpc-endpoint-service/vpce-svc-…`); those on an endpoint do not concern the provider. */
const SERVICE_SUBSCRIBER = /^arn:aws[\w-]*:ec2:[a-z0-9-]+:\d{12}:vpc-endpoint-service\/(vpce-svc-[0-9a-f]{8,17})$/;

const TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:(\d{12}):[\w-]{1,256}$/;

/**
 * The record SNS hands a subscribed function
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html): SNS fills
 * in `TopicArn` and `MessageId` itself; only `Message` is the publisher's.
 */
const snsRecordSchema = z.object({
  Sns: z.object({
    Type: z.literal('Notification'),
    MessageId: z.string().max(128).optional(),
    TopicArn: z.string().regex(TOPIC_ARN),
    Message: z.string(),
  }),
});

export interface ConnectionNotification {
  readonly messageId?: string;
  /** The account of the topic, which the lab creates in its own account (infra/connection-notifications.ts). */
  readonly labAccount: string;
  /** The endpoint service `subscriberArn` names; absent when the message has no `subscriberArn`, and then any of the lab's services may be meant. */
  readonly serviceId?: string;
  /** The message as published, at most MAX_NOTIFICATION_BYTES. */
  readonly message: string;
}

export type ReadNotification = { readonly notification: ConnectionNotification } | { readonly ignored: string; readonly messageId?: string };

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    // Not JSON (truncated, or not a notification at all): the caller reports it as such.
    return undefined;
  }
}

/**
 * Reads one SNS record as a connection notification, or says why it is not
 * one. Never throws: whatever arrives on the topic is untrusted input.
 *
 * AWS documents no body for a connection notification
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html
 * names the events, not the message). So the message is only a trigger:
 * of it the lab reads `subscriberArn`, the field the local cloud sends
 * (local/services/ec2/model/connection-notifications.ts), and only to know
 * which endpoint service to look at; what it says of a connection is never
 * read, EC2 is asked. A message without `subscriberArn` is still a trigger,
 * for any of the lab's services: the topic is the lab's own, and only the
 * lab's endpoint services notify it (infra/connection-notifications.ts).
 */
export function readNotification(record: unknown): ReadNotification {
  const sns = snsRecordSchema.safeParse(record);
  if (!sns.success) return { ignored: 'not an SNS notification record' };
  const { Message: message, MessageId: messageId, TopicArn: topicArn } = sns.data.Sns;
  if (Buffer.byteLength(message) > MAX_NOTIFICATION_BYTES) return { ignored: `message of ${Buffer.byteLength(message)} bytes is larger than any connection notification`, messageId };
  const json = parseJson(message);
  if (!json) return { ignored: 'message is not JSON (malformed or truncated)', messageId };
  const body = json.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ignored: 'message is not a JSON object', messageId };
  const [, labAccount = ''] = TOPIC_ARN.exec(topicArn) ?? [];
  if (!Object.hasOwn(body, 'subscriberArn')) return { notification: { messageId, labAccount, message } };
  const { subscriberArn } = body as { subscriberArn: unknown };
  const [, serviceId] = (typeof subscriberArn === 'string' && SERVICE_SUBSCRIBER.exec(subscriberArn)) || [];
  if (serviceId === undefined) return { ignored: `subscriber ${JSON.stringify(subscriberArn)} is not an endpoint service`, messageId };
  return { notification: { messageId, labAccount, serviceId, message } };
}
