import {
  DeleteVpcEndpointConnectionNotificationsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointConnectionNotificationsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  EC2Client,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { runFilters } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/delete-endpoint-service';
import { mockEachTest } from './mock-each-test';
import { context, RUN_ID, wireState } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);
beforeEach(() => {
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: 'vpce-svc-0a', ServiceState: 'Available' }] });
  ec2.on(DescribeVpcEndpointConnectionsCommand).resolves({
    VpcEndpointConnections: [
      { ServiceId: 'vpce-svc-0a', VpcEndpointId: 'vpce-0pending', VpcEndpointState: wireState('pendingAcceptance') },
      { ServiceId: 'vpce-svc-0a', VpcEndpointId: 'vpce-0inuse', VpcEndpointState: wireState('available') },
      { ServiceId: 'vpce-svc-0a', VpcEndpointId: 'vpce-0rejected', VpcEndpointState: wireState('rejected') },
      { ServiceId: 'vpce-svc-0a', VpcEndpointId: 'vpce-0deleting', VpcEndpointState: wireState('deleting') },
    ],
  });
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [] });
  ec2.on(DescribeVpcEndpointConnectionNotificationsCommand).resolves({ ConnectionNotificationSet: [{ ConnectionNotificationId: 'vpce-nfn-0a', ServiceId: 'vpce-svc-0a' }] });
  ec2.on(DeleteVpcEndpointConnectionNotificationsCommand).resolves({ Unsuccessful: [] });
  ec2.on(DeleteVpcEndpointServiceConfigurationsCommand).resolves({ Unsuccessful: [] });
});

const actions = () => ec2.calls().map((call) => call.args[0].constructor.name.replace(/Command$/, ''));

test("rejects the service's live connections, deletes its notifications, then the service", async () => {
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({
    serviceIds: ['vpce-svc-0a'],
    rejectedVpcEndpointIds: ['vpce-0pending', 'vpce-0inuse'],
    connectionNotificationIds: ['vpce-nfn-0a'],
  });
  expect(actions()).toEqual([
    'DescribeVpcEndpointServiceConfigurations',
    'DescribeVpcEndpointConnections',
    'RejectVpcEndpointConnections',
    'DescribeVpcEndpointConnectionNotifications',
    'DeleteVpcEndpointConnectionNotifications',
    'DeleteVpcEndpointServiceConfigurations',
  ]);
  expect(ec2.commandCalls(DescribeVpcEndpointServiceConfigurationsCommand)[0]?.args[0].input.Filters).toEqual(runFilters(RUN_ID));
  expect(ec2.commandCalls(DescribeVpcEndpointConnectionsCommand)[0]?.args[0].input.Filters).toEqual([{ Name: 'service-id', Values: ['vpce-svc-0a'] }]);
  expect(ec2.commandCalls(RejectVpcEndpointConnectionsCommand)[0]?.args[0].input).toEqual({ ServiceId: 'vpce-svc-0a', VpcEndpointIds: ['vpce-0pending', 'vpce-0inuse'] });
});

test('ExistingVpcEndpointConnections is DependencyStillPresent naming the service', async () => {
  ec2.on(DeleteVpcEndpointServiceConfigurationsCommand).resolves({
    Unsuccessful: [{ ResourceId: 'vpce-svc-0a', Error: { Code: 'ExistingVpcEndpointConnections', Message: 'Service vpce-svc-0a has existing active VPC Endpoint connections!' } }],
  });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'DependencyStillPresent', message: expect.stringContaining('vpce-svc-0a: ExistingVpcEndpointConnections') });
});

test('a connection or notification already gone, or a service already gone, is done', async () => {
  ec2.on(RejectVpcEndpointConnectionsCommand).resolves({ Unsuccessful: [{ ResourceId: 'vpce-0inuse', Error: { Code: 'InvalidVpcEndpointId.NotFound' } }] });
  ec2.on(DeleteVpcEndpointConnectionNotificationsCommand).resolves({ Unsuccessful: [{ ResourceId: 'vpce-nfn-0a', Error: { Code: 'InvalidConnectionNotification' } }] });
  ec2.on(DeleteVpcEndpointServiceConfigurationsCommand).resolves({ Unsuccessful: [{ ResourceId: 'vpce-svc-0a', Error: { Code: 'InvalidVpcEndpointServiceId.NotFound' } }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ serviceIds: [], rejectedVpcEndpointIds: ['vpce-0pending'], connectionNotificationIds: [] });
});

test('a service already deleting, or none at all, asks EC2 to delete nothing', async () => {
  ec2.on(DescribeVpcEndpointServiceConfigurationsCommand).resolves({ ServiceConfigurations: [{ ServiceId: 'vpce-svc-0a', ServiceState: 'Deleting' }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ serviceIds: [], rejectedVpcEndpointIds: [], connectionNotificationIds: [] });
  expect(actions()).toEqual(['DescribeVpcEndpointServiceConfigurations']);
});
