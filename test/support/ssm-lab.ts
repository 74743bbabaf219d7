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
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  type EC2Client,
  ModifyVpcAttributeCommand,
  RunInstancesCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { type LocalCloudFixture, REGION } from './local-cloud-fixture';

const AMI = 'ami-0c9c942bd7bf113a2';
const ZONE = `${REGION}a`;

export const serviceName = (name: string): string => `com.amazonaws.${REGION}.${name}`;

async function securityGroup(ec2: EC2Client, vpcId: string, name: string, openPorts: readonly number[], fromCidr: string): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: name, Description: name }));
  for (const port of openPorts) {
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: fromCidr }] }] }));
  }
  return GroupId!;
}

/**
 * The lab's consumer VPC `10.<n>.0.0/16` (DNS support and hostnames on): a
 * public subnet `10.<n>.0.0/24` routed to an internet gateway, a private
 * subnet `10.<n>.1.0/24` on the main table with no internet route, a group
 * for instances admitting nothing, and one for endpoints admitting 443 and 80
 * from the VPC.
 */
export async function consumerNetwork(ec2: EC2Client, n: number) {
  const cidr = `10.${n}.0.0/16`;
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnet = async (third: number) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${n}.${third}.0/24`, AvailabilityZone: ZONE }))).Subnet!.SubnetId!;
  const publicSubnetId = await subnet(0);
  const privateSubnetId = await subnet(1);
  const gatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
  const publicRouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRouteTableId, SubnetId: publicSubnetId }));
  return {
    vpcId,
    cidr,
    publicSubnetId,
    privateSubnetId,
    publicRouteTableId,
    instanceGroupId: await securityGroup(ec2, vpcId, `instances-${n}`, [], cidr),
    endpointGroupId: await securityGroup(ec2, vpcId, `endpoints-${n}`, [443, 80], cidr),
  };
}

export type ConsumerNetwork = Awaited<ReturnType<typeof consumerNetwork>>;

export interface LaunchOptions {
  readonly publicIp?: boolean;
  readonly userData?: string;
  /** The instance profile by ARN; one named `vpce-lab-instance` otherwise. */
  readonly profileArn?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** An instance with the lab's instance profile (SSM Agent and the AWS CLI use it), public address only when asked. */
export async function launch(ec2: EC2Client, subnetId: string, groupId: string, options: LaunchOptions = {}): Promise<string> {
  const tags = Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: AMI,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: options.profileArn ? { Arn: options.profileArn } : { Name: 'vpce-lab-instance' },
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [groupId], AssociatePublicIpAddress: options.publicIp ?? false }],
      UserData: options.userData === undefined ? undefined : Buffer.from(options.userData).toString('base64'),
      TagSpecifications: tags.length > 0 ? [{ ResourceType: 'instance', Tags: tags }] : undefined,
    }),
  );
  return Instances![0]!.InstanceId!;
}

/** The consumer network with an instance in each subnet, the public one with a public address. */
export async function consumerWithInstances(ec2: EC2Client, n: number) {
  const network = await consumerNetwork(ec2, n);
  const publicInstance = await launch(ec2, network.publicSubnetId, network.instanceGroupId, { publicIp: true });
  const privateInstance = await launch(ec2, network.privateSubnetId, network.instanceGroupId);
  return { network, publicInstance, privateInstance };
}

/** An interface endpoint in the private subnet, guarded by the endpoint group unless another group is given. */
export async function privateSubnetEndpoint(
  ec2: EC2Client,
  network: ConsumerNetwork,
  ServiceName: string,
  options: { groupId?: string; privateDns?: boolean } = {},
): Promise<VpcEndpoint> {
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: network.vpcId,
      VpcEndpointType: 'Interface',
      ServiceName,
      SubnetIds: [network.privateSubnetId],
      SecurityGroupIds: [options.groupId ?? network.endpointGroupId],
      PrivateDnsEnabled: options.privateDns,
    }),
  );
  return VpcEndpoint!;
}

/** An interface endpoint to an AWS service in the private subnet, private DNS on, guarded by the endpoint group. */
export async function interfaceEndpoint(ec2: EC2Client, network: ConsumerNetwork, service: string, groupId = network.endpointGroupId): Promise<string> {
  return (await privateSubnetEndpoint(ec2, network, serviceName(service), { groupId, privateDns: true })).VpcEndpointId!;
}

/** The three endpoints SSM Agent needs to be managed without internet access. */
export async function ssmEndpoints(ec2: EC2Client, network: ConsumerNetwork): Promise<string[]> {
  return [await interfaceEndpoint(ec2, network, 'ssm'), await interfaceEndpoint(ec2, network, 'ssmmessages'), await interfaceEndpoint(ec2, network, 'ec2messages')];
}

const webServerScript = (n: number) => `#!/bin/bash\nyum install -y httpd\necho '<html><h1>Endpoint Service Web Server ${n}</h1></html>' > /var/www/html/index.html\nsystemctl enable --now httpd\n`;

/**
 * The lab's provider side in `10.<n>.0.0/16`: two web servers admitting port
 * 80 from their VPC, behind an internal NLB (TCP 80), published as an
 * endpoint service that requires acceptance and admits the local account.
 */
export async function providerService(local: LocalCloudFixture, n: number) {
  const { ec2, elbv2 } = local;
  const cidr = `10.${n}.0.0/16`;
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${n}.1.0/24`, AvailabilityZone: ZONE }))).Subnet!.SubnetId!;
  const webGroupId = await securityGroup(ec2, vpcId, `web-${n}`, [80], cidr);
  const servers = [await launch(ec2, subnetId, webGroupId, { userData: webServerScript(1) }), await launch(ec2, subnetId, webGroupId, { userData: webServerScript(2) })];
  const { LoadBalancers } = await elbv2.send(new CreateLoadBalancerCommand({ Name: `web-${n}`, Type: 'network', Scheme: 'internal', Subnets: [subnetId] }));
  const loadBalancerArn = LoadBalancers![0]!.LoadBalancerArn!;
  const { TargetGroups } = await elbv2.send(new CreateTargetGroupCommand({ Name: `web-${n}`, Protocol: 'TCP', Port: 80, VpcId: vpcId, TargetType: 'instance' }));
  const targetGroupArn = TargetGroups![0]!.TargetGroupArn!;
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: servers.map((Id) => ({ Id })) }));
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }));
  const { ServiceConfiguration } = await ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancerArn], AcceptanceRequired: true }));
  const serviceId = ServiceConfiguration!.ServiceId!;
  local.cloud.settle();
  return { serviceId, serviceName: ServiceConfiguration!.ServiceName!, webGroupId, servers };
}

export interface ScriptRun {
  readonly status?: string;
  readonly code?: number;
  readonly stdout?: string;
  readonly stderr?: string;
}

/** Runs an AWS-RunShellScript on one instance through SSM, lets the cloud settle, and reads the invocation back. */
export async function runScript(local: LocalCloudFixture, instanceId: string, commands: string[]): Promise<ScriptRun> {
  const { Command } = await local.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands } }));
  local.cloud.settle();
  const invocation = await local.ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: instanceId }));
  return { status: invocation.Status, code: invocation.ResponseCode, stdout: invocation.StandardOutputContent, stderr: invocation.StandardErrorContent };
}
