import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  type EC2Client,
  type IpPermission,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { clientToken } from '../../commons/client-token';
import { tagSpecifications } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import { findOrCreate, findTagged } from '../aws/find-or-create';
import type { LabRun } from '../lab-run';
import { INTERNET_ROUTE, type IngressRule } from '../lab-topology';

/**
 * The network pieces both lab VPCs are made of. Each `ensure…` is safe to
 * repeat: it finds what an earlier attempt made (by tags or ClientToken) and
 * adds only what is missing, so a retried build step converges on one network.
 */

/** A VPC with DNS support and hostnames on (interface endpoints' private DNS needs both). */
export async function ensureVpc(ec2: EC2Client, run: LabRun, logicalName: string, cidr: string): Promise<string> {
  const vpc = await findOrCreate(
    'VPC',
    (found) => found.VpcId,
    () => findTagged.vpcs(ec2, run.runId, logicalName),
    async () => answered((await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: tagSpecifications(run, logicalName, 'vpc') }))).Vpc, 'the new VPC'),
  );
  const vpcId = answered(vpc.VpcId, 'a VPC id');
  // One attribute per call, as EC2 requires; setting a value it already has changes nothing.
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: true } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  return vpcId;
}

export interface SubnetSpec {
  readonly vpcId: string;
  readonly cidr: string;
  readonly zone: string;
  readonly mapPublicIp: boolean;
}

export async function ensureSubnet(ec2: EC2Client, run: LabRun, logicalName: string, spec: SubnetSpec): Promise<string> {
  const subnet = await findOrCreate(
    'subnet',
    (found) => found.SubnetId,
    () => findTagged.subnets(ec2, run.runId, logicalName),
    async () =>
      answered(
        (
          await ec2.send(
            new CreateSubnetCommand({ VpcId: spec.vpcId, CidrBlock: spec.cidr, AvailabilityZone: spec.zone, TagSpecifications: tagSpecifications(run, logicalName, 'subnet') }),
          )
        ).Subnet,
        'the new subnet',
      ),
  );
  const subnetId = answered(subnet.SubnetId, 'a subnet id');
  if (spec.mapPublicIp && subnet.MapPublicIpOnLaunch !== true) {
    await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  }
  return subnetId;
}

/** An internet gateway attached to `vpcId`. */
export async function ensureInternetGateway(ec2: EC2Client, run: LabRun, logicalName: string, vpcId: string): Promise<string> {
  const gateway = await findOrCreate(
    'internet gateway',
    (found) => found.InternetGatewayId,
    () => findTagged.internetGateways(ec2, run.runId, logicalName),
    async () =>
      answered((await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tagSpecifications(run, logicalName, 'internet-gateway') }))).InternetGateway, 'the new internet gateway'),
  );
  const internetGatewayId = answered(gateway.InternetGatewayId, 'an internet gateway id');
  if (!gateway.Attachments?.some((attachment) => attachment.VpcId === vpcId)) {
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
  }
  return internetGatewayId;
}

export interface RouteTableSpec {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Routes `0.0.0.0/0` to this gateway; no internet route when absent. */
  readonly internetGatewayId?: string;
}

/**
 * A route table of its own for the given subnets. CreateRouteTable takes a
 * ClientToken; a replay answers with the table as first made, so its current
 * routes and associations are read back before adding what is missing.
 */
export async function ensureRouteTable(ec2: EC2Client, run: LabRun, logicalName: string, spec: RouteTableSpec): Promise<string> {
  const created = await ec2.send(
    new CreateRouteTableCommand({ VpcId: spec.vpcId, ClientToken: clientToken(run.runId, logicalName), TagSpecifications: tagSpecifications(run, logicalName, 'route-table') }),
  );
  const routeTableId = answered(created.RouteTable?.RouteTableId, 'the new route table');
  const table = answered((await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }))).RouteTables?.[0], `route table ${routeTableId}`);
  if (spec.internetGatewayId && !table.Routes?.some((route) => route.DestinationCidrBlock === INTERNET_ROUTE)) {
    await ec2.send(new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: INTERNET_ROUTE, GatewayId: spec.internetGatewayId }));
  }
  for (const subnetId of spec.subnetIds) {
    if (table.Associations?.some((association) => association.SubnetId === subnetId)) continue;
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }));
  }
  return routeTableId;
}

export interface SecurityGroupSpec {
  readonly vpcId: string;
  readonly description: string;
  readonly ingress: readonly IngressRule[];
}

const admits = (permissions: readonly IpPermission[], rule: IngressRule): boolean =>
  permissions.some(
    (permission) => permission.IpProtocol === 'tcp' && permission.FromPort === rule.port && permission.ToPort === rule.port && permission.IpRanges?.some((range) => range.CidrIp === rule.fromCidr),
  );

/** A security group admitting the given TCP ports (egress stays EC2's default: all). Its name is unique in the run's VPC. */
export async function ensureSecurityGroup(ec2: EC2Client, run: LabRun, logicalName: string, spec: SecurityGroupSpec): Promise<string> {
  const group = await findOrCreate(
    'security group',
    (found) => found.GroupId,
    () => findTagged.securityGroups(ec2, run.runId, logicalName),
    async () => {
      const created = await ec2.send(
        new CreateSecurityGroupCommand({
          VpcId: spec.vpcId,
          GroupName: `${run.runId}-${logicalName}`,
          Description: spec.description,
          TagSpecifications: tagSpecifications(run, logicalName, 'security-group'),
        }),
      );
      return { GroupId: created.GroupId, IpPermissions: [] };
    },
  );
  const groupId = answered(group.GroupId, 'a security group id');
  const missing = spec.ingress.filter((rule) => !admits(group.IpPermissions ?? [], rule));
  if (missing.length > 0) {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: missing.map((rule) => ({ IpProtocol: 'tcp', FromPort: rule.port, ToPort: rule.port, IpRanges: [{ CidrIp: rule.fromCidr }] })),
        TagSpecifications: tagSpecifications(run, logicalName, 'security-group-rule'),
      }),
    );
  }
  return groupId;
}
