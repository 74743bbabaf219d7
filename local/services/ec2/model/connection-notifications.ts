import { newId } from '../../../cloud/ids';
import { invalidParameterValue, missingParameter } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { ConnectionEvent, ConnectionNotificationRecord, VpcEndpointRecord } from './ec2-records';
import { invalidParameter } from './ec2-errors';

const CONNECTION_EVENTS: readonly ConnectionEvent[] = ['Connect', 'Accept', 'Reject', 'Delete'];

const SNS_TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;

/** What a notification watches: one endpoint service (provider side) or one interface endpoint (consumer side). */
export type NotificationSubject = { serviceId: string; vpcEndpointId?: never } | { vpcEndpointId: string; serviceId?: never };

/** A notification that publishes the chosen connection events of its subject to an SNS topic. */
export function createConnectionNotification(
  context: Ec2Context,
  region: string,
  options: { subject: NotificationSubject; topicArn: string | undefined; events: readonly string[] | undefined },
): ConnectionNotificationRecord {
  if (!options.topicArn) throw missingParameter('ConnectionNotificationArn');
  if (!SNS_TOPIC_ARN.test(options.topicArn)) throw invalidParameterValue(`Invalid SNS topic ARN: ${options.topicArn}`);
  if (!options.events || options.events.length === 0) throw missingParameter('ConnectionEvents');
  const unknown = options.events.find((event) => !CONNECTION_EVENTS.includes(event as ConnectionEvent));
  if (unknown !== undefined) throw invalidParameterValue(`Invalid connection event: ${unknown}. Valid events are ${CONNECTION_EVENTS.join(', ')}.`);
  const notification: ConnectionNotificationRecord = {
    ...recordBase(context, newId('vpce-nfn'), region, {}),
    connectionNotificationArn: options.topicArn,
    connectionEvents: [...new Set(options.events as ConnectionEvent[])],
    ...options.subject,
    state: 'Enabled',
  };
  return context.tables.connectionNotifications.put(notification);
}

/** Refuses a notification on an endpoint that can have no connection events: only interface endpoints have them. */
export function requireNotifiableEndpoint(endpoint: VpcEndpointRecord): void {
  if (endpoint.vpcEndpointType !== 'Interface') {
    throw invalidParameter(`Connection notifications can be created for interface endpoints only; ${endpoint.id} is a ${endpoint.vpcEndpointType} endpoint.`);
  }
}

/** The ARN of what the notification subscribes to, sent as `subscriberArn`. */
const subscriberArn = (notification: ConnectionNotificationRecord): string =>
  `arn:aws:ec2:${notification.region}:${notification.ownerId}:` +
  (notification.serviceId ? `vpc-endpoint-service/${notification.serviceId}` : `vpc-endpoint/${notification.vpcEndpointId ?? ''}`);

/**
 * The body published to the topic. AWS documents none
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html
 * names the events only), so this one is the local cloud's own: who
 * subscribed, which endpoint, whose it is, the state it is in now and the
 * event. The accept-connection handler reads only `subscriberArn` of it,
 * and asks EC2 for the rest.
 */
const connectionMessage = (notification: ConnectionNotificationRecord, endpoint: VpcEndpointRecord, event: ConnectionEvent): string =>
  JSON.stringify({
    subscriberArn: subscriberArn(notification),
    vpcEndpointId: endpoint.id,
    vpcEndpointOwner: endpoint.ownerId,
    vpcEndpointState: endpoint.state,
    eventType: event,
  });

/**
 * Publishes a connection event of `endpoint` to every enabled notification
 * that asked for it: those on the endpoint's service and those on the
 * endpoint itself. Callers publish last, once nothing can refuse the change.
 */
export function publishConnectionEvent(context: Ec2Context, endpoint: VpcEndpointRecord, event: ConnectionEvent): void {
  for (const notification of context.tables.connectionNotifications.all()) {
    const watches = (notification.serviceId !== undefined && notification.serviceId === endpoint.endpointServiceId) || notification.vpcEndpointId === endpoint.id;
    if (!watches || notification.state !== 'Enabled' || !notification.connectionEvents.includes(event)) continue;
    context.runtime.events.emit('connection-notification', {
      topicArn: notification.connectionNotificationArn,
      message: connectionMessage(notification, endpoint, event),
    });
  }
}

/** Drops the notifications on an endpoint or endpoint service that is gone. */
export function forgetNotificationsOn(context: Ec2Context, subjectId: string): void {
  for (const notification of context.tables.connectionNotifications.all()) {
    if (notification.serviceId === subjectId || notification.vpcEndpointId === subjectId) context.tables.connectionNotifications.delete(notification.id);
  }
}
