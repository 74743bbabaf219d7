import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  type EC2Client,
  RejectVpcEndpointConnectionsCommand,
  type ServiceConfiguration,
  type UnsuccessfulItem,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AwsClients } from '../commons/aws-clients';
import { awsErrorCode, isGoneCode } from '../commons/aws-error-code';
import { TAG } from '../commons/lab-tags';
import { decideConnection } from './acceptance-policy';
import { type ConnectionNotification, readNotification } from './connection-notification';
import { stateIs } from './ec2-states';

export interface AcceptConnectionDependencies {
  readonly clients: Pick<AwsClients, 'ec2'>;
  readonly logger: Logger;
  /** Endpoint owners (account ids) to accept, `ACCEPT_ALLOWED_OWNERS`; unset means the service's own account, as in the workflow. */
  readonly allowedOwners: readonly string[] | undefined;
}

export type ConnectionOutcome =
  | { readonly vpcEndpointId: string; readonly owner: string; readonly decision: 'accept' | 'reject'; readonly reason: string }
  | { readonly ignored: string; readonly vpcEndpointId?: string };

async function serviceConfiguration(ec2: EC2Client, serviceId: string): Promise<ServiceConfiguration | undefined> {
  try {
    const { ServiceConfigurations } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    return ServiceConfigurations?.[0];
  } catch (error) {
    if (isGoneCode(awsErrorCode(error))) return undefined;
    throw error;
  }
}

/** The connection as EC2 has it now: the authority, whatever the message said (it may be old, replayed or forged). */
async function currentConnection(ec2: EC2Client, serviceId: string, vpcEndpointId: string): Promise<VpcEndpointConnection | undefined> {
  const filters = [
    { Name: 'service-id', Values: [serviceId] },
    { Name: 'vpc-endpoint-id', Values: [vpcEndpointId] },
  ];
  const { VpcEndpointConnections } = await ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: filters }));
  return VpcEndpointConnections?.[0];
}

/**
 * Accepts or rejects one connection. EC2 reports a connection it would not
 * change in `Unsuccessful` (accepting one already accepted, by the workflow
 * deciding at the same moment): if the connection is no longer awaiting
 * acceptance, someone decided it and this is done; otherwise the refusal is
 * thrown, for SNS to deliver the notification again.
 */
async function applyDecision(ec2: EC2Client, serviceId: string, vpcEndpointId: string, accept: boolean): Promise<UnsuccessfulItem | undefined> {
  const input = { ServiceId: serviceId, VpcEndpointIds: [vpcEndpointId] };
  const { Unsuccessful } = await ec2.send(accept ? new AcceptVpcEndpointConnectionsCommand(input) : new RejectVpcEndpointConnectionsCommand(input));
  const refusal = Unsuccessful?.[0];
  if (!refusal) return undefined;
  const now = await currentConnection(ec2, serviceId, vpcEndpointId);
  if (now && stateIs(now.VpcEndpointState, 'pendingAcceptance')) {
    throw new Error(`${accept ? 'Accept' : 'Reject'}VpcEndpointConnections refused ${vpcEndpointId} on ${serviceId}: ${refusal.Error?.Code} (${refusal.Error?.Message})`);
  }
  return refusal;
}

async function decide(notification: ConnectionNotification, { clients, logger, allowedOwners }: AcceptConnectionDependencies): Promise<ConnectionOutcome> {
  const { serviceId, vpcEndpointId } = notification;
  const ignore = (ignored: string): ConnectionOutcome => {
    logger.info('connection notification ignored', { serviceId, vpcEndpointId, reason: ignored });
    return { ignored, vpcEndpointId };
  };
  if (!stateIs(notification.vpcEndpointState, 'pendingAcceptance') || (notification.eventType !== undefined && notification.eventType !== 'Connect')) {
    return ignore(`not a connection request awaiting acceptance (${notification.eventType ?? 'event'}: ${notification.vpcEndpointState})`);
  }
  const service = await serviceConfiguration(clients.ec2, serviceId);
  if (!service) return ignore(`endpoint service ${serviceId} does not exist (any more)`);
  if (service.Tags?.find((tag) => tag.Key === TAG.managed)?.Value !== 'true') return ignore(`endpoint service ${serviceId} is not managed by vpce-lab`);
  const connection = await currentConnection(clients.ec2, serviceId, vpcEndpointId);
  if (!connection) return ignore(`endpoint ${vpcEndpointId} is no longer connected to ${serviceId}`);
  if (!stateIs(connection.VpcEndpointState, 'pendingAcceptance')) return ignore(`already decided: the connection is ${connection.VpcEndpointState}`);

  const owner = connection.VpcEndpointOwner ?? notification.vpcEndpointOwner;
  const { accept, reason } = decideConnection(owner, allowedOwners ?? [notification.serviceAccount]);
  const decision = accept ? 'accept' : 'reject';
  const refusal = await applyDecision(clients.ec2, serviceId, vpcEndpointId, accept);
  logger.info(accept ? 'connection accepted' : 'connection rejected', {
    serviceId,
    vpcEndpointId,
    owner,
    decision,
    reason,
    ...(refusal && { alreadyDecided: `${refusal.Error?.Code}: the connection was decided at the same moment` }),
  });
  return { vpcEndpointId, owner, decision, reason };
}

/**
 * The SNS subscriber of the endpoint service's connection notifications:
 * each `Connect` awaiting acceptance on a vpce-lab service is accepted when
 * its owner is allow-listed and rejected otherwise, with the reason logged.
 * Anything that is not such a notification (malformed, truncated, oversized,
 * of another kind, about a connection already decided, as a replayed
 * message is) is logged and ignored; only AWS failures are thrown, for SNS
 * to retry.
 */
export async function acceptConnections(event: unknown, dependencies: AcceptConnectionDependencies): Promise<ConnectionOutcome[]> {
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) {
    dependencies.logger.warn('connection notification ignored', { reason: 'the event holds no SNS records' });
    return [];
  }
  const outcomes: ConnectionOutcome[] = [];
  for (const record of records) {
    const read = readNotification(record);
    if ('ignored' in read) {
      dependencies.logger.warn('connection notification ignored', { reason: read.ignored, messageId: read.messageId });
      outcomes.push({ ignored: read.ignored });
      continue;
    }
    outcomes.push(await decide(read.notification, dependencies));
  }
  return outcomes;
}
