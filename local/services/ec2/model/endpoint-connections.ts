import { ServiceError } from '../../../protocol/service-error';
import { publishConnectionEvent } from './connection-notifications';
import type { Ec2Context } from './ec2-context';
import type { EndpointServiceRecord, VpcEndpointRecord, VpcEndpointState } from './ec2-records';
import { bringUp } from './vpc-endpoints';

const incorrectState = (endpoint: VpcEndpointRecord, verb: string): ServiceError =>
  new ServiceError('IncorrectState', `The VPC endpoint ${endpoint.id} is ${endpoint.state} and cannot be ${verb}.`);

/** The endpoints connected to `service`: what DescribeVpcEndpointConnections lists for its provider. */
export const connectionsOf = (context: Ec2Context, service: EndpointServiceRecord): VpcEndpointRecord[] =>
  context.tables.vpcEndpoints.all().filter((endpoint) => endpoint.endpointServiceId === service.id);

/** One connection of `service`, or nothing when the endpoint does not exist or connects elsewhere. */
export function connectionOf(context: Ec2Context, service: EndpointServiceRecord, vpcEndpointId: string): VpcEndpointRecord | undefined {
  const endpoint = context.tables.vpcEndpoints.get(vpcEndpointId);
  return endpoint?.endpointServiceId === service.id ? endpoint : undefined;
}

/**
 * AcceptVpcEndpointConnections for one request: `pendingAcceptance` goes
 * `pending`, then `available`. Accepting one already accepted is not an
 * error, so an accept handler and a workflow may both accept it.
 */
export function acceptConnection(context: Ec2Context, endpoint: VpcEndpointRecord): ServiceError | undefined {
  if (endpoint.state === 'pending' || endpoint.state === 'available') return undefined;
  if (endpoint.state !== 'pendingAcceptance') return incorrectState(endpoint, 'accepted');
  bringUp(context, endpoint, 'connectionAccepted');
  publishConnectionEvent(context, endpoint, 'Accept');
  return undefined;
}

const REJECTABLE: readonly VpcEndpointState[] = ['pendingAcceptance', 'pending', 'available'];

/** RejectVpcEndpointConnections for one connection: a request, or a connection in use, becomes `rejected`. */
export function rejectConnection(context: Ec2Context, endpoint: VpcEndpointRecord): ServiceError | undefined {
  if (endpoint.state === 'rejected') return undefined;
  if (!REJECTABLE.includes(endpoint.state)) return incorrectState(endpoint, 'rejected');
  context.tables.vpcEndpoints.update(endpoint.id, (record) => (record.state = 'rejected'));
  publishConnectionEvent(context, endpoint, 'Reject');
  return undefined;
}
