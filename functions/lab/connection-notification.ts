import { z } from 'zod';

/**
 * A connection notification is a few hundred bytes; a message far larger is
 * not one, and is refused before it is parsed.
 */
export const MAX_NOTIFICATION_BYTES = 4096;

/** Only notifications on an endpoint service name one (`…:vpc-endpoint-service/vpce-svc-…`); those on an endpoint do not concern the provider. */
const SERVICE_SUBSCRIBER = /^arn:aws[\w-]*:ec2:([a-z0-9-]+):(\d{12}):vpc-endpoint-service\/(vpce-svc-[0-9a-f]{8,17})$/;

const snsRecordSchema = z.object({
  Sns: z.object({
    Type: z.literal('Notification'),
    MessageId: z.string().max(128).optional(),
    Message: z.string(),
  }),
});

/** What EC2 publishes: the local cloud also sends `eventType`; AWS's message has at least the other four. */
const messageSchema = z.object({
  subscriberArn: z.string().max(512),
  vpcEndpointId: z.string().regex(/^vpce-[0-9a-f]{8,17}$/),
  vpcEndpointOwner: z.string().regex(/^\d{12}$/),
  vpcEndpointState: z.string().max(64),
  eventType: z.string().max(64).optional(),
});

export interface ConnectionNotification {
  readonly messageId?: string;
  readonly serviceId: string;
  /** The account that owns the service (the lab's own account). */
  readonly serviceAccount: string;
  readonly vpcEndpointId: string;
  readonly vpcEndpointOwner: string;
  readonly vpcEndpointState: string;
  readonly eventType?: string;
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
 * Reads one SNS record as a connection notification on an endpoint
 * service, or says why it is not one. Never throws: whatever arrives on the
 * topic is untrusted input.
 */
export function readNotification(record: unknown): ReadNotification {
  const sns = snsRecordSchema.safeParse(record);
  if (!sns.success) return { ignored: 'not an SNS notification record' };
  const { Message: message, MessageId: messageId } = sns.data.Sns;
  if (Buffer.byteLength(message) > MAX_NOTIFICATION_BYTES) return { ignored: `message of ${Buffer.byteLength(message)} bytes is larger than any connection notification`, messageId };
  const json = parseJson(message);
  if (!json) return { ignored: 'message is not JSON (malformed or truncated)', messageId };
  const body = messageSchema.safeParse(json.value);
  if (!body.success) return { ignored: `message is not a connection notification: ${z.prettifyError(body.error)}`, messageId };
  const subscriber = SERVICE_SUBSCRIBER.exec(body.data.subscriberArn);
  if (!subscriber) return { ignored: `subscriber ${body.data.subscriberArn} is not an endpoint service`, messageId };
  const [, , serviceAccount = '', serviceId = ''] = subscriber;
  const { vpcEndpointId, vpcEndpointOwner, vpcEndpointState, eventType } = body.data;
  return { notification: { messageId, serviceId, serviceAccount, vpcEndpointId, vpcEndpointOwner, vpcEndpointState, eventType } };
}
