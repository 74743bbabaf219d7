import type {
  ConnectionNotification,
  CreateVpcEndpointConnectionNotificationRequest,
  CreateVpcEndpointConnectionNotificationResult,
  DeleteVpcEndpointConnectionNotificationsRequest,
  DeleteVpcEndpointConnectionNotificationsResult,
  DescribeVpcEndpointConnectionNotificationsRequest,
  DescribeVpcEndpointConnectionNotificationsResult,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../../protocol/http-answer';
import { missingParameter, ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { createConnectionNotification, type NotificationSubject, requireNotifiableEndpoint } from '../model/connection-notifications';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { ConnectionNotificationRecord } from '../model/ec2-records';
import { endpointServiceNotFound } from '../model/endpoint-services';
import { vpcEndpointNotFound } from '../model/vpc-endpoints';
import { createOnce } from './create-once';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE } from './modelled-members';
import { eachId } from './unsuccessful-items';
import { invalidParameterCombination } from '../model/ec2-errors';

const notificationNotFound = (id: string): ServiceError => new ServiceError('InvalidConnectionNotification', `The connection notification '${id}' does not exist`);

const toConnectionNotification = (notification: ConnectionNotificationRecord): ConnectionNotification => ({
  ConnectionNotificationId: notification.id,
  ServiceId: notification.serviceId,
  VpcEndpointId: notification.vpcEndpointId,
  ConnectionNotificationType: 'Topic',
  ConnectionNotificationArn: notification.connectionNotificationArn,
  ConnectionEvents: notification.connectionEvents,
  ConnectionNotificationState: notification.state,
  ServiceRegion: notification.region,
});

export function connectionNotificationOperations(context: Ec2Context): Record<string, Operation> {
  const { tables } = context;

  /** A notification watches exactly one thing: an endpoint service, or an interface endpoint. */
  const subjectOf = (input: CreateVpcEndpointConnectionNotificationRequest): NotificationSubject => {
    if (input.ServiceId !== undefined && input.VpcEndpointId !== undefined) {
      throw invalidParameterCombination('Specify either ServiceId or VpcEndpointId, not both.');
    }
    if (input.ServiceId !== undefined) return { serviceId: requireOne(context, tables.endpointServices, input.ServiceId, 'ServiceId', endpointServiceNotFound).id };
    if (input.VpcEndpointId === undefined) throw missingParameter('ServiceId or VpcEndpointId');
    const endpoint = requireOne(context, tables.vpcEndpoints, input.VpcEndpointId, 'VpcEndpointId', vpcEndpointNotFound);
    requireNotifiableEndpoint(endpoint);
    return { vpcEndpointId: endpoint.id };
  };

  return {
    CreateVpcEndpointConnectionNotification: operation(
      { ServiceId: true, VpcEndpointId: true, ConnectionNotificationArn: true, ConnectionEvents: true, ClientToken: true, DryRun: true },
      (input: CreateVpcEndpointConnectionNotificationRequest, request: RequestContext): CreateVpcEndpointConnectionNotificationResult => {
        const notification = createOnce(context, tables.connectionNotifications, input, 'CreateVpcEndpointConnectionNotification', notificationNotFound, () =>
          createConnectionNotification(context, request.region, { subject: subjectOf(input), topicArn: input.ConnectionNotificationArn, events: input.ConnectionEvents }),
        );
        return { ConnectionNotification: toConnectionNotification(notification), ClientToken: input.ClientToken };
      },
    ),

    DescribeVpcEndpointConnectionNotifications: operation(
      { ConnectionNotificationId: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcEndpointConnectionNotificationsRequest): DescribeVpcEndpointConnectionNotificationsResult => {
        const page = describeRecords(context, input, {
          table: tables.connectionNotifications,
          ids: input.ConnectionNotificationId === undefined ? undefined : [input.ConnectionNotificationId],
          missing: notificationNotFound,
          listing: 'DescribeVpcEndpointConnectionNotifications',
          fields: {
            'connection-notification-arn': (notification) => notification.connectionNotificationArn,
            'connection-notification-id': (notification) => notification.id,
            'connection-notification-state': (notification) => notification.state,
            'connection-notification-type': () => 'Topic',
            'service-id': (notification) => notification.serviceId,
            'vpc-endpoint-id': (notification) => notification.vpcEndpointId,
          },
        });
        return { ConnectionNotificationSet: page.items.map(toConnectionNotification), NextToken: page.nextToken };
      },
    ),

    DeleteVpcEndpointConnectionNotifications: operation(
      { ConnectionNotificationIds: true, DryRun: true },
      (input: DeleteVpcEndpointConnectionNotificationsRequest): DeleteVpcEndpointConnectionNotificationsResult => {
        if (!input.ConnectionNotificationIds?.length) throw missingParameter('ConnectionNotificationIds');
        const unsuccessful = eachId(
          input.ConnectionNotificationIds,
          (id) => tables.connectionNotifications.get(id),
          notificationNotFound,
          (notification) => void tables.connectionNotifications.delete(notification.id),
        );
        return { Unsuccessful: unsuccessful };
      },
    ),
  };
}
