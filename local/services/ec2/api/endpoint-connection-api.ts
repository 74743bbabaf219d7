import type {
  AcceptVpcEndpointConnectionsRequest,
  AcceptVpcEndpointConnectionsResult,
  DescribeVpcEndpointConnectionsRequest,
  DescribeVpcEndpointConnectionsResult,
  RejectVpcEndpointConnectionsRequest,
  RejectVpcEndpointConnectionsResult,
  State,
  VpcEndpointConnection,
} from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import type { RequestContext } from '../../../protocol/http-answer';
import { missingParameter, type ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { EndpointServiceRecord, VpcEndpointRecord } from '../model/ec2-records';
import { acceptConnection, connectionOf, connectionsOf, rejectConnection } from '../model/endpoint-connections';
import { endpointServiceNotFound } from '../model/endpoint-services';
import { stableId } from '../model/stable-ids';
import { vpcEndpointNotFound } from '../model/vpc-endpoints';
import { DESCRIBE_PAGE } from './modelled-members';
import { eachId } from './unsuccessful-items';
import { toDnsEntries } from './vpc-endpoint-api';

/** A connection as its provider sees it: the consumer's endpoint, seen through the service. */
interface Connection {
  readonly service: EndpointServiceRecord;
  readonly endpoint: VpcEndpointRecord;
}

const toConnection = ({ service, endpoint }: Connection): VpcEndpointConnection => ({
  ServiceId: service.id,
  VpcEndpointId: endpoint.id,
  VpcEndpointOwner: endpoint.ownerId,
  // EC2 sends endpoint states in lower camel case (`pendingAcceptance`), unlike the SDK's enum.
  VpcEndpointState: endpoint.state as State,
  CreationTimestamp: new Date(endpoint.createdAt),
  DnsEntries: toDnsEntries(endpoint),
  NetworkLoadBalancerArns: service.networkLoadBalancerArns,
  GatewayLoadBalancerArns: [],
  IpAddressType: 'ipv4',
  VpcEndpointConnectionId: stableId('vpce-con', endpoint.id),
  VpcEndpointRegion: endpoint.region,
});

export function endpointConnectionOperations(context: Ec2Context): Record<string, Operation> {
  const requireService = (id: string | undefined) => requireOne(context, context.tables.endpointServices, id, 'ServiceId', endpointServiceNotFound);

  /** Accept and Reject: each endpoint named is decided on its own; unknown ones come back in `Unsuccessful`. */
  const decide =
    (decision: (context: Ec2Context, endpoint: VpcEndpointRecord) => ServiceError | undefined) =>
    (input: AcceptVpcEndpointConnectionsRequest | RejectVpcEndpointConnectionsRequest): AcceptVpcEndpointConnectionsResult | RejectVpcEndpointConnectionsResult => {
      const service = requireService(input.ServiceId);
      if (!input.VpcEndpointIds?.length) throw missingParameter('VpcEndpointIds');
      return { Unsuccessful: eachId(input.VpcEndpointIds, (id) => connectionOf(context, service, id), vpcEndpointNotFound, (endpoint) => decision(context, endpoint)) };
    };

  return {
    DescribeVpcEndpointConnections: operation(
      DESCRIBE_PAGE,
      (input: DescribeVpcEndpointConnectionsRequest, request: RequestContext): DescribeVpcEndpointConnectionsResult => {
        const services = context.tables.endpointServices.all().filter((service) => service.region === request.region && service.ownerId === request.accountId);
        const connections = services
          .flatMap((service) => connectionsOf(context, service).map((endpoint) => ({ service, endpoint, tags: {} })))
          .sort((a, b) => a.endpoint.createdAt - b.endpoint.createdAt || a.endpoint.id.localeCompare(b.endpoint.id));
        const filtered = applyFilters(connections, input.Filters, {
          'service-id': ({ service }) => service.id,
          'vpc-endpoint-id': ({ endpoint }) => endpoint.id,
          'vpc-endpoint-owner': ({ endpoint }) => endpoint.ownerId,
          'vpc-endpoint-state': ({ endpoint }) => endpoint.state,
          'ip-address-type': () => 'ipv4',
        });
        const page = paginate(filtered, input.MaxResults, input.NextToken, 'DescribeVpcEndpointConnections');
        return { VpcEndpointConnections: page.items.map(toConnection), NextToken: page.nextToken };
      },
    ),

    AcceptVpcEndpointConnections: operation({ ServiceId: true, VpcEndpointIds: true, DryRun: true }, decide(acceptConnection)),
    RejectVpcEndpointConnections: operation({ ServiceId: true, VpcEndpointIds: true, DryRun: true }, decide(rejectConnection)),
  };
}
