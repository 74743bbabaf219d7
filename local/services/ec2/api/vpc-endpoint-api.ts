import type {
  CreateVpcEndpointRequest,
  CreateVpcEndpointResult,
  DeleteVpcEndpointsRequest,
  DeleteVpcEndpointsResult,
  DescribeVpcEndpointsRequest,
  DescribeVpcEndpointsResult,
  ModifyVpcEndpointRequest,
  ModifyVpcEndpointResult,
  State,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { tagsFromSpecifications } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { invalidParameterValue, missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { EndpointType } from '../model/aws-endpoint-services';
import { type Ec2Context, requireAll, requireOne } from '../model/ec2-context';
import type { VpcEndpointRecord } from '../model/ec2-records';
import { resolveEndpointTarget } from '../model/endpoint-targets';
import { securityGroupNotFound } from '../model/security-groups';
import { modifyVpcEndpoint } from '../model/vpc-endpoint-changes';
import { createGatewayEndpoint, createInterfaceEndpoint, deleteVpcEndpoint, vpcEndpointNotFound } from '../model/vpc-endpoints';
import { createOnce } from './create-once';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { requireWellFormedIds } from './resource-ids';
import { routeTableNotFound } from './route-table-api';
import { subnetNotFound } from './subnet-api';
import { tagSet } from './tag-set';
import { eachId } from './unsuccessful-items';
import { vpcNotFound } from './vpc-api';
import { invalidParameter } from '../model/ec2-errors';

export const toDnsEntries = (endpoint: VpcEndpointRecord) => endpoint.dnsEntries.map((entry) => ({ DnsName: entry.dnsName, HostedZoneId: entry.hostedZoneId }));

const toVpcEndpoint = (context: Ec2Context, endpoint: VpcEndpointRecord): VpcEndpoint => ({
  VpcEndpointId: endpoint.id,
  VpcEndpointType: endpoint.vpcEndpointType,
  VpcId: endpoint.vpcId,
  ServiceName: endpoint.serviceName,
  // EC2 sends endpoint states in lower camel case (`pendingAcceptance`), unlike the SDK's enum.
  State: endpoint.state as State,
  PolicyDocument: endpoint.policyDocument,
  RouteTableIds: endpoint.routeTableIds,
  SubnetIds: endpoint.subnetIds,
  Groups: endpoint.groupIds.map((id) => ({ GroupId: id, GroupName: context.tables.securityGroups.get(id)?.groupName })),
  IpAddressType: 'ipv4',
  DnsOptions: endpoint.vpcEndpointType === 'Interface' ? { DnsRecordIpType: 'ipv4' } : undefined,
  PrivateDnsEnabled: endpoint.privateDnsEnabled,
  RequesterManaged: false,
  NetworkInterfaceIds: endpoint.networkInterfaceIds,
  DnsEntries: toDnsEntries(endpoint),
  CreationTimestamp: new Date(endpoint.createdAt),
  Tags: tagSet(endpoint.tags),
  OwnerId: endpoint.ownerId,
});

const ENDPOINT_TYPES: readonly string[] = ['Gateway', 'Interface'] satisfies EndpointType[];

/** Parameters of one endpoint type are refused on the other, as EC2 does. */
function checkParametersFit(type: EndpointType, input: CreateVpcEndpointRequest): void {
  const interfaceSettingsGiven = (input.SubnetIds?.length ?? 0) + (input.SecurityGroupIds?.length ?? 0) > 0 || input.PrivateDnsEnabled === true;
  if (type === 'Gateway' && interfaceSettingsGiven) throw invalidParameter('Subnets, security groups and private DNS can only be specified for interface endpoints.');
  if (type === 'Interface' && (input.RouteTableIds?.length ?? 0) > 0) throw invalidParameter('Route tables can only be specified for gateway endpoints.');
}

export function vpcEndpointOperations(context: Ec2Context): Record<string, Operation> {
  const { tables } = context;
  const requireVpc = (id: string | undefined) => requireOne(context, tables.vpcs, id, 'VpcId', vpcNotFound);
  const routeTables = (ids: readonly string[] | undefined) => requireAll(context, tables.routeTables, ids ?? [], routeTableNotFound);
  const subnets = (ids: readonly string[] | undefined) => requireAll(context, tables.subnets, ids ?? [], subnetNotFound);
  const groups = (ids: readonly string[] | undefined) => requireAll(context, tables.securityGroups, ids ?? [], securityGroupNotFound);

  const create = (input: CreateVpcEndpointRequest, request: RequestContext): VpcEndpointRecord => {
    if (!input.ServiceName) throw missingParameter('ServiceName');
    const type = input.VpcEndpointType ?? 'Gateway';
    if (!ENDPOINT_TYPES.includes(type)) throw invalidParameterValue(`Value (${type}) for parameter VpcEndpointType is invalid. Supported types: ${ENDPOINT_TYPES.join(', ')}.`);
    checkParametersFit(type as EndpointType, input);
    const vpc = requireVpc(input.VpcId);
    const options = {
      vpc,
      target: resolveEndpointTarget(context, request.region, request.accountId, input.ServiceName, type as EndpointType),
      tags: tagsFromSpecifications(input.TagSpecifications, 'vpc-endpoint'),
      policyDocument: input.PolicyDocument,
      clientToken: input.ClientToken,
    };
    if (type === 'Gateway') return createGatewayEndpoint(context, options, routeTables(input.RouteTableIds));
    return createInterfaceEndpoint(context, { ...options, subnets: subnets(input.SubnetIds), groups: groups(input.SecurityGroupIds), privateDnsEnabled: input.PrivateDnsEnabled });
  };

  return {
    CreateVpcEndpoint: operation(
      {
        VpcId: true,
        VpcEndpointType: true,
        ServiceName: true,
        PolicyDocument: true,
        RouteTableIds: true,
        SubnetIds: true,
        SecurityGroupIds: true,
        PrivateDnsEnabled: true,
        ClientToken: true,
        TagSpecifications: TAG_SPECIFICATIONS,
        DryRun: true,
        // Endpoints are IPv4 only here, as `toVpcEndpoint` reports them.
        IpAddressType: ['ipv4'],
        DnsOptions: { DnsRecordIpType: ['ipv4'] },
      },
      (input: CreateVpcEndpointRequest, request: RequestContext): CreateVpcEndpointResult => {
        const endpoint = createOnce(context, tables.vpcEndpoints, input, 'CreateVpcEndpoint', vpcEndpointNotFound, () => create(input, request));
        return { VpcEndpoint: toVpcEndpoint(context, endpoint), ClientToken: input.ClientToken };
      },
    ),

    DescribeVpcEndpoints: operation(
      { VpcEndpointIds: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcEndpointsRequest): DescribeVpcEndpointsResult => {
        requireWellFormedIds(input.VpcEndpointIds, 'vpce', 'InvalidVpcEndpointId.Malformed');
        const page = describeRecords(context, input, {
          table: tables.vpcEndpoints,
          ids: input.VpcEndpointIds,
          missing: vpcEndpointNotFound,
          listing: 'DescribeVpcEndpoints',
          fields: {
            'vpc-endpoint-id': (endpoint) => endpoint.id,
            'vpc-id': (endpoint) => endpoint.vpcId,
            'service-name': (endpoint) => endpoint.serviceName,
            'vpc-endpoint-state': (endpoint) => endpoint.state,
            'vpc-endpoint-type': (endpoint) => endpoint.vpcEndpointType,
            'ip-address-type': () => 'ipv4',
          },
        });
        return { VpcEndpoints: page.items.map((endpoint) => toVpcEndpoint(context, endpoint)), NextToken: page.nextToken };
      },
    ),

    ModifyVpcEndpoint: operation(
      {
        VpcEndpointId: true,
        AddRouteTableIds: true,
        RemoveRouteTableIds: true,
        AddSubnetIds: true,
        RemoveSubnetIds: true,
        AddSecurityGroupIds: true,
        RemoveSecurityGroupIds: true,
        PrivateDnsEnabled: true,
        PolicyDocument: true,
        ResetPolicy: true,
        DryRun: true,
      },
      (input: ModifyVpcEndpointRequest): ModifyVpcEndpointResult => {
        const endpoint = requireOne(context, tables.vpcEndpoints, input.VpcEndpointId, 'VpcEndpointId', vpcEndpointNotFound);
        modifyVpcEndpoint(context, endpoint, requireVpc(endpoint.vpcId), {
          addRouteTables: routeTables(input.AddRouteTableIds),
          removeRouteTableIds: input.RemoveRouteTableIds ?? [],
          addSubnets: subnets(input.AddSubnetIds),
          removeSubnetIds: input.RemoveSubnetIds ?? [],
          addGroups: groups(input.AddSecurityGroupIds),
          removeGroupIds: input.RemoveSecurityGroupIds ?? [],
          privateDnsEnabled: input.PrivateDnsEnabled,
          policyDocument: input.PolicyDocument,
          resetPolicy: input.ResetPolicy,
        });
        return { Return: true };
      },
    ),

    DeleteVpcEndpoints: operation(
      { VpcEndpointIds: true, DryRun: true },
      (input: DeleteVpcEndpointsRequest): DeleteVpcEndpointsResult => {
        if (!input.VpcEndpointIds?.length) throw missingParameter('VpcEndpointIds');
        const unsuccessful = eachId(input.VpcEndpointIds, (id) => tables.vpcEndpoints.get(id), vpcEndpointNotFound, (endpoint) => deleteVpcEndpoint(context, endpoint));
        return { Unsuccessful: unsuccessful };
      },
    ),
  };
}
