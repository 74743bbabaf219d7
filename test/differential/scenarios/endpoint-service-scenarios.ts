import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointConnectionNotificationCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointConnectionNotificationsCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DeleteVpcEndpointsCommand,
  DescribeVpcEndpointConnectionNotificationsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { accountOf, consumerNetwork, internalNlb, providerNetwork, runTag, securityGroup, connectionTopicArn } from './lab-topology';
import type { Run, Scenario } from './scenario';

/**
 * The lab's endpoint service: on the provider's internal NLB, acceptance
 * required, admitting the caller's own account.
 */
async function endpointService(run: Run, nlbName: string) {
  const { ec2 } = run.clients;
  const account = await accountOf(run);
  const provider = await providerNetwork(run);
  const loadBalancer = await internalNlb(run, nlbName, provider.subnetIds);
  run.settle();
  const { ServiceConfiguration } = await run.step('CreateVpcEndpointServiceConfiguration', () =>
    ec2.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [loadBalancer.LoadBalancerArn!],
        AcceptanceRequired: true,
        TagSpecifications: runTag('vpc-endpoint-service'),
      }),
    ),
  );
  const serviceId = ServiceConfiguration!.ServiceId!;
  await run.step('ModifyVpcEndpointServicePermissions', () =>
    ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: [`arn:aws:iam::${account}:root`] })),
  );
  run.settle();
  return { account, serviceId, serviceName: ServiceConfiguration!.ServiceName!, loadBalancerArn: loadBalancer.LoadBalancerArn! };
}

/** A consumer's interface endpoint to the service, in the private subnet, admitting HTTP from the VPC (the lab's endpoint). */
async function consumerEndpoint(run: Run, label: string, serviceName: string) {
  const network = await consumerNetwork(run);
  const groupId = await securityGroup(run, 'service endpoint', network.vpcId, [80, 22], network.cidr);
  const { VpcEndpoint } = await run.step(`CreateVpcEndpoint ${label}`, () =>
    run.clients.ec2.send(
      new CreateVpcEndpointCommand({ VpcId: network.vpcId, VpcEndpointType: 'Interface', ServiceName: serviceName, SubnetIds: [network.privateSubnetId], SecurityGroupIds: [groupId] }),
    ),
  );
  return VpcEndpoint!;
}

const endpointState = async (run: Run, step: string, endpointId: string) =>
  (await run.step(step, () => run.clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })))).VpcEndpoints![0]!.State;

/** Endpoint service configurations, their permissions, connection notifications, and the acceptance flow. */
export const ENDPOINT_SERVICE_SCENARIOS: Record<string, Scenario> = {
  'endpoint service configurations': async (run) => {
    const { ec2 } = run.clients;
    const service = await endpointService(run, 'differential-config');
    const { ServiceConfigurations } = await run.step('DescribeVpcEndpointServiceConfigurations', () =>
      ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] })),
    );
    run.observe('configuration once settled', { ServiceState: ServiceConfigurations![0]!.ServiceState, AcceptanceRequired: String(ServiceConfigurations![0]!.AcceptanceRequired) });
    await run.step('DescribeVpcEndpointServicePermissions', () => ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: service.serviceId })));
    const { ServiceDetails } = await run.step('DescribeVpcEndpointServices', () =>
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [service.serviceName] })),
    );
    run.observe("the consumer's view", {
      AcceptanceRequired: String(ServiceDetails![0]!.AcceptanceRequired),
      VpcEndpointPolicySupported: String(ServiceDetails![0]!.VpcEndpointPolicySupported),
    });
    await run.outcome('DeleteLoadBalancer used by the service', () => run.clients.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: service.loadBalancerArn })));
    const { Unsuccessful } = await run.step('DeleteVpcEndpointServiceConfigurations', () =>
      ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] })),
    );
    run.observe('refused deletions', { count: String(Unsuccessful!.length) });
  },

  'endpoint acceptance': async (run) => {
    const { ec2 } = run.clients;
    const service = await endpointService(run, 'differential-accept');
    const notification = await run.stepIfImplemented('CreateVpcEndpointConnectionNotification', () =>
      ec2.send(
        new CreateVpcEndpointConnectionNotificationCommand({
          ServiceId: service.serviceId,
          ConnectionNotificationArn: connectionTopicArn(service.account),
          ConnectionEvents: ['Connect', 'Accept', 'Reject', 'Delete'],
        }),
      ),
    );
    await run.stepIfImplemented('DescribeVpcEndpointConnectionNotifications', () => ec2.send(new DescribeVpcEndpointConnectionNotificationsCommand({})));

    const endpoint = await consumerEndpoint(run, 'accepted', service.serviceName);
    const endpointId = endpoint.VpcEndpointId!;
    run.observe('state on create', { State: endpoint.State });
    const connections = await run.stepIfImplemented('DescribeVpcEndpointConnections', () =>
      ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [endpointId] }] })),
    );
    if (connections) run.observe('connection awaiting acceptance', { VpcEndpointState: connections.VpcEndpointConnections![0]!.VpcEndpointState });
    const accepted = await run.stepIfImplemented('AcceptVpcEndpointConnections', () =>
      ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: service.serviceId, VpcEndpointIds: [endpointId] })),
    );
    run.settle();
    const state = await endpointState(run, 'DescribeVpcEndpoints after AcceptVpcEndpointConnections', endpointId);
    if (accepted) run.observe('state once accepted', { State: state });

    const { Unsuccessful } = await run.step('DeleteVpcEndpointServiceConfigurations with a live connection', () =>
      ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [service.serviceId] })),
    );
    run.observe('deletion refused', { Code: Unsuccessful![0]?.Error?.Code });

    // Implemented wherever CreateVpcEndpointConnectionNotification is, so the notification exists when this runs.
    await run.stepIfImplemented('DeleteVpcEndpointConnectionNotifications', () =>
      ec2.send(new DeleteVpcEndpointConnectionNotificationsCommand({ ConnectionNotificationIds: [notification!.ConnectionNotification!.ConnectionNotificationId!] })),
    );
    await run.step('DeleteVpcEndpoints', () => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })));
  },

  'endpoint rejection': async (run) => {
    const service = await endpointService(run, 'differential-reject');
    const endpoint = await consumerEndpoint(run, 'rejected', service.serviceName);
    const rejected = await run.stepIfImplemented('RejectVpcEndpointConnections', () =>
      run.clients.ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: service.serviceId, VpcEndpointIds: [endpoint.VpcEndpointId!] })),
    );
    run.settle();
    const state = await endpointState(run, 'DescribeVpcEndpoints after RejectVpcEndpointConnections', endpoint.VpcEndpointId!);
    if (rejected) run.observe('state once rejected', { State: state });
  },
};
