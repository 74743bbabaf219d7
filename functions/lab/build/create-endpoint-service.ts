import {
  CreateVpcEndpointConnectionNotificationCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  type EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  paginateDescribeVpcEndpointServicePermissions,
} from '@aws-sdk/client-ec2';
import { clientToken } from '../../commons/client-token';
import type { StepDependencies } from '../../commons/lab-step';
import { tagSpecifications } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import { requireOwnedElbv2 } from '../aws/elbv2-tags';
import { collect } from '../../commons/collect-pages';
import type { LabRun } from '../lab-run';
import { labSettings } from '../lab-settings';
import type { EndpointService, LoadBalancer, Plan } from '../lab-state';
import { CONNECTION_EVENTS, LOGICAL } from '../lab-topology';

/** Adds the principals the service does not allow yet (whether AWS accepts adding one twice is not documented). */
async function allowPrincipals(ec2: EC2Client, serviceId: string, principals: readonly string[]): Promise<void> {
  const allowed = await collect(paginateDescribeVpcEndpointServicePermissions({ client: ec2 }, { ServiceId: serviceId }), (page) => page.AllowedPrincipals);
  const missing = principals.filter((principal) => !allowed.some((entry) => entry.Principal === principal));
  if (missing.length > 0) await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: missing }));
}

/** Connection events go to the topic the `accept-connection` handler listens on; none when no topic is configured. */
async function notifyConnections(ec2: EC2Client, run: LabRun, serviceId: string, topicArn: string | undefined): Promise<string | undefined> {
  if (!topicArn) return undefined;
  const { ConnectionNotification } = await ec2.send(
    new CreateVpcEndpointConnectionNotificationCommand({
      ServiceId: serviceId,
      ConnectionNotificationArn: topicArn,
      ConnectionEvents: [...CONNECTION_EVENTS],
      ClientToken: clientToken(run.runId, LOGICAL.connectionNotification),
    }),
  );
  return answered(ConnectionNotification?.ConnectionNotificationId, 'the connection notification id');
}

/**
 * CreateEndpointService (service lesson): the NLB published as an endpoint
 * service that requires acceptance, open to the allowed principals
 * (`LAB_ALLOWED_PRINCIPALS`, by default the lab's own account root), with
 * connection notifications to `CONNECTION_TOPIC_ARN` when set. Safe to
 * repeat: ClientTokens for the creates, and only missing principals are added.
 *
 * The lab's own account would connect without its entry: AWS admits the
 * account that owns a service with no allowed principal (Terraform's
 * `TestAccVPCEndpoint_interfaceNonAWSServiceAcceptOnCreate`,
 * hashicorp/terraform-provider-aws internal/service/ec2/vpc_endpoint_test.go,
 * run against AWS). The default entry stays because the lab's design
 * builds the service lesson with the lab's account as the allowed principal
 * (DESIGN.md, "endpoint service"), so a student finds it listed; a principal
 * of another account does need its entry.
 */
export async function createEndpointService(input: { run: LabRun; plan: Plan; loadBalancer: LoadBalancer }, { clients }: StepDependencies): Promise<EndpointService> {
  const { run, plan, loadBalancer } = input;
  const { ec2 } = clients;
  const settings = labSettings();
  await requireOwnedElbv2(clients.elbv2, 'load balancer', loadBalancer.loadBalancerArn, run.runId);
  const { ServiceConfiguration } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({
      NetworkLoadBalancerArns: [loadBalancer.loadBalancerArn],
      AcceptanceRequired: true,
      ClientToken: clientToken(run.runId, LOGICAL.endpointService),
      TagSpecifications: tagSpecifications(run, LOGICAL.endpointService, 'vpc-endpoint-service'),
    }),
  );
  const serviceId = answered(ServiceConfiguration?.ServiceId, 'the endpoint service id');
  await allowPrincipals(ec2, serviceId, settings.allowedPrincipals ?? [`arn:aws:iam::${plan.accountId}:root`]);
  const connectionNotificationId = await notifyConnections(ec2, run, serviceId, settings.connectionTopicArn);
  return {
    serviceId,
    serviceName: answered(ServiceConfiguration?.ServiceName, 'the endpoint service name'),
    ...(connectionNotificationId === undefined ? {} : { connectionNotificationId }),
  };
}
