import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  type EC2Client,
  paginateDescribeVpcEndpointConnections,
  RejectVpcEndpointConnectionsCommand,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import { AwaitingAcceptance, LabStepFailed, NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { type ConnectionDecision, decideConnection } from '../acceptance/acceptance-policy';
import { answered } from '../aws/aws-answer';
import { stateIs } from '../aws/ec2-states';
import { collect } from '../../commons/collect-pages';
import type { LabRun } from '../lab-run';
import { labSettings } from '../lab-settings';
import type { EndpointService, Plan, ServiceEndpoint } from '../lab-state';
import { requireOwned } from '../aws/run-ownership';

export interface AwaitConnectionInput {
  readonly run: LabRun;
  readonly plan: Plan;
  readonly endpointService: EndpointService;
  readonly serviceEndpoint: ServiceEndpoint;
}

export interface ConnectionOutcome {
  readonly vpcEndpointId: string;
  /** The connection's state once accepted: `pending` or `available`. */
  readonly state: string;
  /** Present when the workflow applied the acceptance policy itself, after the grace period. */
  readonly workflowDecision?: ConnectionDecision;
}

async function connectionOf(ec2: EC2Client, serviceId: string, vpcEndpointId: string): Promise<VpcEndpointConnection> {
  const filters = [
    { Name: 'service-id', Values: [serviceId] },
    { Name: 'vpc-endpoint-id', Values: [vpcEndpointId] },
  ];
  const [connection] = await collect(paginateDescribeVpcEndpointConnections({ client: ec2 }, { Filters: filters }), (page) => page.VpcEndpointConnections);
  if (!connection) throw new NotReady(`endpoint service ${serviceId} shows no connection request from ${vpcEndpointId} yet`);
  return connection;
}

/** A decision AWS did not carry out comes back in `Unsuccessful`; the next attempt reads the state again. */
function requireCarriedOut(verb: string, vpcEndpointId: string, unsuccessful: { Error?: { Code?: string; Message?: string } }[] | undefined): void {
  const [failure] = unsuccessful ?? [];
  if (failure) throw new NotReady(`could not ${verb} the connection from ${vpcEndpointId} yet: ${failure.Error?.Code}: ${failure.Error?.Message}`);
}

/**
 * AwaitConnectionAccepted (service lesson). The `accept-connection` handler
 * normally accepts the connection when SNS delivers its Connect
 * notification. This step waits for that (AwaitingAcceptance while the
 * connection is `pendingAcceptance`) for `ACCEPT_GRACE_SECONDS`; once the grace is over it
 * applies the same policy itself: accept an allow-listed owner
 * (`ACCEPT_ALLOWED_OWNERS`, by default the lab's own account), otherwise
 * reject and fail with the reason. Accepted (`pending` or `available`) is
 * done, whoever accepted it.
 */
export async function awaitConnectionAccepted(input: AwaitConnectionInput, { clients: { ec2 }, logger, now }: StepDependencies): Promise<ConnectionOutcome> {
  const { run, plan, endpointService, serviceEndpoint } = input;
  const { serviceId } = endpointService;
  const { vpcEndpointId } = serviceEndpoint;
  const settings = labSettings();
  const { ServiceConfigurations } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
  requireOwned('endpoint service', serviceId, answered(ServiceConfigurations?.[0], `endpoint service ${serviceId}`).Tags, run.runId);

  const connection = await connectionOf(ec2, serviceId, vpcEndpointId);
  const state = String(connection.VpcEndpointState ?? 'unknown');
  if (stateIs(state, 'pending', 'available')) return { vpcEndpointId, state };
  if (stateIs(state, 'rejected')) throw new LabStepFailed(`the connection from ${vpcEndpointId} (owner ${connection.VpcEndpointOwner}) was rejected; see the accept-connection log for the reason`);
  if (!stateIs(state, 'pendingAcceptance')) throw new LabStepFailed(`the connection from ${vpcEndpointId} is ${state} and can no longer be accepted`);

  // The grace counts from the connection request itself, which stays the same across Retry attempts and re-runs.
  const since = answered(connection.CreationTimestamp, "the connection request's time");
  const graceEnds = new Date(since.getTime() + settings.acceptGraceSeconds * 1000);
  if (now() < graceEnds) throw new AwaitingAcceptance(`the connection from ${vpcEndpointId} is pendingAcceptance; accept-connection has until ${graceEnds.toISOString()} before the workflow decides`);

  const decision = decideConnection(connection.VpcEndpointOwner, settings.acceptAllowedOwners ?? [plan.accountId]);
  logger.info('grace period over: the workflow decides the connection itself', { vpcEndpointId, serviceId, owner: connection.VpcEndpointOwner, ...decision });
  if (!decision.accept) {
    const { Unsuccessful } = await ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [vpcEndpointId] }));
    requireCarriedOut('reject', vpcEndpointId, Unsuccessful);
    throw new LabStepFailed(`rejected the connection from ${vpcEndpointId}: ${decision.reason}`);
  }
  const { Unsuccessful } = await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [vpcEndpointId] }));
  requireCarriedOut('accept', vpcEndpointId, Unsuccessful);
  return { vpcEndpointId, state: 'pending', workflowDecision: decision };
}
