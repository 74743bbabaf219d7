import {
  DeleteVpcEndpointConnectionNotificationsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  type EC2Client,
  paginateDescribeVpcEndpointConnectionNotifications,
  paginateDescribeVpcEndpointConnections,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import type { StepDependencies } from '../../commons/lab-step';
import { collect } from '../../commons/collect-pages';
import { changedIds, idsOf } from './batch-outcome';
import { stateIs } from '../aws/ec2-states';
import { runEndpointServices } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

export interface DeletedEndpointServices {
  readonly serviceIds: string[];
  readonly rejectedVpcEndpointIds: string[];
  readonly connectionNotificationIds: string[];
}

/** Connection states that still hold a service: EC2 refuses to delete it while any remains. */
const LIVE_CONNECTION_STATES = ['pendingAcceptance', 'pending', 'available'];

const serviceFilter = (serviceId: string) => [{ Name: 'service-id', Values: [serviceId] }];

/** Rejects whatever endpoints are still connected to the service (other consumers', or one that raced the teardown). */
async function rejectConnections(ec2: EC2Client, serviceId: string): Promise<string[]> {
  const connections = await collect(paginateDescribeVpcEndpointConnections({ client: ec2 }, { Filters: serviceFilter(serviceId) }), (page) => page.VpcEndpointConnections);
  const ids = idsOf(
    connections.filter((connection) => stateIs(connection.VpcEndpointState, ...LIVE_CONNECTION_STATES)),
    (connection) => connection.VpcEndpointId,
  );
  if (ids.length === 0) return [];
  const { Unsuccessful } = await ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: ids }));
  return changedIds(`RejectVpcEndpointConnections on ${serviceId}`, ids, Unsuccessful);
}

async function deleteNotifications(ec2: EC2Client, serviceId: string): Promise<string[]> {
  const notifications = await collect(
    paginateDescribeVpcEndpointConnectionNotifications({ client: ec2 }, { Filters: serviceFilter(serviceId) }),
    (page) => page.ConnectionNotificationSet,
  );
  const ids = idsOf(notifications, (notification) => notification.ConnectionNotificationId);
  if (ids.length === 0) return [];
  const { Unsuccessful } = await ec2.send(new DeleteVpcEndpointConnectionNotificationsCommand({ ConnectionNotificationIds: ids }));
  // EC2 names a notification that no longer exists `InvalidConnectionNotification`.
  return changedIds(`DeleteVpcEndpointConnectionNotifications on ${serviceId}`, ids, Unsuccessful, { gone: ['InvalidConnectionNotification'] });
}

/**
 * Deletes the run's endpoint services: first rejects their remaining
 * connections and deletes their connection notifications, then the
 * configurations. EC2 refusing with `ExistingVpcEndpointConnections` (a
 * connection not yet let go) is DependencyStillPresent, retried.
 */
export async function deleteEndpointService({ runId }: TeardownInput, { clients }: StepDependencies): Promise<DeletedEndpointServices> {
  const services = (await runEndpointServices(clients.ec2, runId)).filter((service) => !stateIs(service.ServiceState, 'Deleting', 'Deleted'));
  const serviceIds = idsOf(services, (service) => service.ServiceId);
  const rejectedVpcEndpointIds: string[] = [];
  const connectionNotificationIds: string[] = [];
  for (const serviceId of serviceIds) {
    rejectedVpcEndpointIds.push(...(await rejectConnections(clients.ec2, serviceId)));
    connectionNotificationIds.push(...(await deleteNotifications(clients.ec2, serviceId)));
  }
  if (serviceIds.length === 0) return { serviceIds, rejectedVpcEndpointIds, connectionNotificationIds };
  const { Unsuccessful } = await clients.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: serviceIds }));
  const deleted = changedIds('DeleteVpcEndpointServiceConfigurations', serviceIds, Unsuccessful, { dependency: ['ExistingVpcEndpointConnections'] });
  return { serviceIds: deleted, rejectedVpcEndpointIds, connectionNotificationIds };
}
