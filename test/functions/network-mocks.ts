import {
  CreateInternetGatewayCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type InternetGateway,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { logicalNameAskedFor, logicalNameTagged } from './build-fixtures';

/**
 * What earlier attempts of a network step left in the account, by logical
 * name (route tables by id, as CreateRouteTable's ClientToken finds them).
 * Empty is a first attempt.
 */
export interface EarlierAttempt {
  readonly vpcs?: Record<string, Vpc>;
  readonly subnets?: Record<string, Subnet>;
  readonly internetGateways?: Record<string, InternetGateway>;
  readonly securityGroups?: Record<string, SecurityGroup>;
  readonly routeTables?: Record<string, RouteTable>;
  readonly vpcEndpoints?: Record<string, VpcEndpoint>;
}

/** An id derived from the logical name, so a test can predict what a create answers. */
export const idFor = (prefix: string, logicalName: string): string => `${prefix}-${logicalName}`;

/**
 * EC2 answers for the network steps: lookups by the run's tags find what
 * `earlier` holds, creates answer ids derived from the logical name they tag.
 */
export function answerNetworkCalls(ec2: AwsClientStub<EC2Client>, earlier: EarlierAttempt = {}): void {
  const found = <T>(table: Record<string, T> | undefined, filters: Parameters<typeof logicalNameAskedFor>[0]) => {
    const item = table?.[logicalNameAskedFor(filters) ?? ''];
    return item ? [item] : [];
  };
  ec2.on(DescribeVpcsCommand).callsFake(({ Filters }) => ({ Vpcs: found(earlier.vpcs, Filters) }));
  ec2.on(DescribeSubnetsCommand).callsFake(({ Filters }) => ({ Subnets: found(earlier.subnets, Filters) }));
  ec2.on(DescribeInternetGatewaysCommand).callsFake(({ Filters }) => ({ InternetGateways: found(earlier.internetGateways, Filters) }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake(({ Filters }) => ({ SecurityGroups: found(earlier.securityGroups, Filters) }));
  ec2.on(DescribeRouteTablesCommand).callsFake(({ RouteTableIds }) => ({
    RouteTables: (RouteTableIds as string[]).map((id) => earlier.routeTables?.[id] ?? { RouteTableId: id, Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' }], Associations: [] }),
  }));
  ec2.on(CreateVpcCommand).callsFake(({ TagSpecifications }) => ({ Vpc: { VpcId: idFor('vpc', logicalNameTagged(TagSpecifications)!) } }));
  ec2.on(CreateSubnetCommand).callsFake(({ TagSpecifications }) => ({ Subnet: { SubnetId: idFor('subnet', logicalNameTagged(TagSpecifications)!), MapPublicIpOnLaunch: false } }));
  ec2.on(CreateInternetGatewayCommand).callsFake(({ TagSpecifications }) => ({ InternetGateway: { InternetGatewayId: idFor('igw', logicalNameTagged(TagSpecifications)!), Attachments: [] } }));
  ec2.on(CreateRouteTableCommand).callsFake(({ TagSpecifications }) => ({ RouteTable: { RouteTableId: idFor('rtb', logicalNameTagged(TagSpecifications)!) } }));
  ec2.on(CreateSecurityGroupCommand).callsFake(({ TagSpecifications }) => ({ GroupId: idFor('sg', logicalNameTagged(TagSpecifications)!) }));
  answerEndpointCalls(ec2, (logicalName) => ({ VpcEndpointId: idFor('vpce', logicalName), State: 'pending' as never }), earlier.vpcEndpoints);
}

/**
 * VPC endpoints as EC2 keeps them: a create answers `made(logicalName)` and
 * is listed from then on by the run's tags, as are those `earlier` holds.
 */
export function answerEndpointCalls(ec2: AwsClientStub<EC2Client>, made: (logicalName: string) => VpcEndpoint, earlier: Record<string, VpcEndpoint> = {}): void {
  const endpoints = new Map(Object.entries(earlier));
  ec2.on(DescribeVpcEndpointsCommand).callsFake(({ Filters }) => {
    const endpoint = endpoints.get(logicalNameAskedFor(Filters) ?? '');
    return { VpcEndpoints: endpoint ? [endpoint] : [] };
  });
  ec2.on(CreateVpcEndpointCommand).callsFake(({ TagSpecifications }) => {
    const logicalName = logicalNameTagged(TagSpecifications)!;
    endpoints.set(logicalName, made(logicalName));
    return { VpcEndpoint: endpoints.get(logicalName) };
  });
}

