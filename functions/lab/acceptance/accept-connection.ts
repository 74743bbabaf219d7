import {
  AcceptVpcEndpointConnectionsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  type EC2Client,
  paginateDescribeVpcEndpointConnections,
  paginateDescribeVpcEndpointServiceConfigurations,
  RejectVpcEndpointConnectionsCommand,
  type ServiceConfiguration,
  type UnsuccessfulItem,
  type VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AwsClients } from '../../commons/aws-clients';
import { awsErrorCode, isGoneCode } from '../../commons/aws-error-code';
import { TAG } from '../../commons/lab-tags';
import { decideConnection } from './acceptance-policy';
import { answered } from '../aws/aws-answer';
import { type ConnectionNotification, readNotification } from './connection-notification';
import { stateIs } from '../aws/ec2-states';
import { collect } from '../../commons/collect-pages';

export interface AcceptConnectionDependencies {
  readonly clients: Pick<AwsClients, 'ec2'>;
  readonly logger: Logger;
  /** Endpoint owners (account ids) to accept, `ACCEPT_ALLOWED_OWNERS`; unset means the lab's own account, as in the workflow. */
  readonly allowedOwners: readonly string[] | undefined;
  /** Whether this execution environment has logged a notification as it came (see `logFormatOnce`). */
  readonly formatSample: { logged: boolean };
}

export type ConnectionOutcome =
  | { readonly serviceId: string; readonly vpcEndpointId: string; readonly owner: string | undefined; readonly decision: 'accept' | 'reject'; readonly reason: string }
  | { readonly ignored: string };

/** EC2 refused to accept or reject a connection that still awaits acceptance: thrown, for SNS to deliver the notification again. */
export class ConnectionDecisionRefused extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectionDecisionRefused';
  }
}

const isManaged = (service: ServiceConfiguration): boolean => service.Tags?.find((tag) => tag.Key === TAG.managed)?.Value === 'true';

async function serviceConfiguration(ec2: EC2Client, serviceId: string): Promise<ServiceConfiguration | undefined> {
  try {
    const { ServiceConfigurations } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
    return ServiceConfigurations?.[0];
  } catch (error) {
    if (isGoneCode(awsErrorCode(error))) return undefined;
    throw error;
  }
}

/**
 * The lab's endpoint services a notification may be about: the one its
 * `subscriberArn` names, if that exists and is the lab's; without one,
 * every service tagged as the lab's (the `tag:<key>` filter,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServiceConfigurations.html).
 */
async function labServices(ec2: EC2Client, notification: ConnectionNotification): Promise<{ readonly serviceIds: string[] } | { readonly ignored: string }> {
  const { serviceId } = notification;
  if (serviceId === undefined) {
    const filters = [{ Name: `tag:${TAG.managed}`, Values: ['true'] }];
    const services = await collect(paginateDescribeVpcEndpointServiceConfigurations({ client: ec2 }, { Filters: filters }), (page) => page.ServiceConfigurations);
    const serviceIds = services.map((service) => answered(service.ServiceId, 'the endpoint service id'));
    return serviceIds.length > 0 ? { serviceIds } : { ignored: 'the message names no endpoint service, and the lab has none' };
  }
  const service = await serviceConfiguration(ec2, serviceId);
  if (!service) return { ignored: `endpoint service ${serviceId} does not exist (any more)` };
  if (!isManaged(service)) return { ignored: `endpoint service ${serviceId} is not managed by vpce-lab` };
  return { serviceIds: [serviceId] };
}

/**
 * The connections awaiting acceptance on `serviceIds`, as EC2 has them now:
 * the authority, whatever the message said (it may be old, replayed or
 * forged). `service-id` and `vpc-endpoint-state` are documented filters
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnections.html).
 */
async function pendingConnections(ec2: EC2Client, serviceIds: readonly string[]): Promise<VpcEndpointConnection[]> {
  const filters = [
    { Name: 'service-id', Values: [...serviceIds] },
    { Name: 'vpc-endpoint-state', Values: ['pendingAcceptance'] },
  ];
  return collect(paginateDescribeVpcEndpointConnections({ client: ec2 }, { Filters: filters }), (page) => page.VpcEndpointConnections);
}

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
 * change in `Unsuccessful`
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html):
 * accepting one already accepted, by the workflow deciding at the same
 * moment. If the connection is no longer awaiting acceptance, someone
 * decided it and this is done; otherwise the refusal is thrown.
 */
async function applyDecision(ec2: EC2Client, serviceId: string, vpcEndpointId: string, accept: boolean): Promise<UnsuccessfulItem | undefined> {
  const input = { ServiceId: serviceId, VpcEndpointIds: [vpcEndpointId] };
  const { Unsuccessful } = await ec2.send(accept ? new AcceptVpcEndpointConnectionsCommand(input) : new RejectVpcEndpointConnectionsCommand(input));
  const refusal = Unsuccessful?.[0];
  if (!refusal) return undefined;
  const now = await currentConnection(ec2, serviceId, vpcEndpointId);
  if (now && stateIs(now.VpcEndpointState, 'pendingAcceptance')) {
    throw new ConnectionDecisionRefused(`${accept ? 'Accept' : 'Reject'}VpcEndpointConnections refused ${vpcEndpointId} on ${serviceId}: ${refusal.Error?.Code} (${refusal.Error?.Message})`, {
      cause: refusal,
    });
  }
  return refusal;
}

async function decide(ec2: EC2Client, logger: Logger, connection: VpcEndpointConnection, allowList: readonly string[]): Promise<ConnectionOutcome> {
  const serviceId = answered(connection.ServiceId, 'the connection\'s service id');
  const vpcEndpointId = answered(connection.VpcEndpointId, 'the connection\'s endpoint id');
  const owner = connection.VpcEndpointOwner;
  const { accept, reason } = decideConnection(owner, allowList);
  const decision = accept ? 'accept' : 'reject';
  const refusal = await applyDecision(ec2, serviceId, vpcEndpointId, accept);
  logger.info(accept ? 'connection accepted' : 'connection rejected', {
    serviceId,
    vpcEndpointId,
    owner,
    decision,
    reason,
    ...(refusal && { alreadyDecided: `${refusal.Error?.Code}: the connection was decided at the same moment` }),
  });
  return { serviceId, vpcEndpointId, owner, decision, reason };
}

/**
 * AWS documents no body for a connection notification, so the first one an
 * execution environment sees about one of the lab's services is logged as
 * it came (at most MAX_NOTIFICATION_BYTES: larger ones are refused before),
 * for the format to be pinned from what AWS really sends.
 */
function logFormatOnce(notification: ConnectionNotification, { logger, formatSample }: AcceptConnectionDependencies): void {
  if (formatSample.logged) return;
  formatSample.logged = true;
  logger.info('connection notification as received', { messageId: notification.messageId, message: notification.message });
}

/** Decides every connection awaiting acceptance on the services the notification may be about; one outcome when there is none. */
async function reconcile(notification: ConnectionNotification, dependencies: AcceptConnectionDependencies): Promise<ConnectionOutcome[]> {
  const { clients, logger, allowedOwners } = dependencies;
  const ignore = (ignored: string): ConnectionOutcome[] => {
    logger.info('connection notification ignored', { serviceId: notification.serviceId, messageId: notification.messageId, reason: ignored });
    return [{ ignored }];
  };
  const services = await labServices(clients.ec2, notification);
  if ('ignored' in services) return ignore(services.ignored);
  logFormatOnce(notification, dependencies);
  const pending = await pendingConnections(clients.ec2, services.serviceIds);
  if (pending.length === 0) return ignore(`nothing awaits acceptance on ${services.serviceIds.join(', ')}: already decided, or never requested`);
  const allowList = allowedOwners ?? [notification.labAccount];
  const outcomes: ConnectionOutcome[] = [];
  for (const connection of pending) outcomes.push(await decide(clients.ec2, logger, connection, allowList));
  return outcomes;
}

/**
 * The SNS subscriber of the endpoint services' connection notifications. A
 * notification is a trigger, not a source of truth: one about a vpce-lab
 * service makes it read that service's connections awaiting acceptance
 * from EC2 and accept each whose owner is allow-listed, reject the others,
 * with the reason logged. So a replayed, reshaped or forged message can
 * only ever decide what is really pending. Anything that names no such
 * service (malformed, truncated, oversized, on a consumer endpoint, on a
 * service that is not the lab's) is logged and ignored, as is one with
 * nothing left to decide; only AWS failures are thrown, for SNS to retry.
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
    outcomes.push(...(await reconcile(read.notification, dependencies)));
  }
  return outcomes;
}
