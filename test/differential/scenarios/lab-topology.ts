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
  ModifyVpcAttributeCommand,
  type ResourceType,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Run } from './scenario';

/**
 * The lab's topology (DESIGN.md, "build"), made through the SDK with every
 * call recorded as a step, so each scenario that builds on it compares the
 * building too.
 */
export const REGION = 'ap-northeast-2';
export const ZONE = `${REGION}a`;
const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const connectionTopicArn = (account: string) => `arn:aws:sns:${REGION}:${account}:vpce-lab-connections`;

export const runTag = (resourceType: ResourceType) => [{ ResourceType: resourceType, Tags: [{ Key: 'vpce-lab:run-id', Value: 'differential' }] }];

export const awsService = (name: string): string => `com.amazonaws.${REGION}.${name}`;

/** The caller's account, as each implementation names it. */
export async function accountOf(run: Run): Promise<string> {
  return (await run.step('GetCallerIdentity', () => run.clients.sts.send(new GetCallerIdentityCommand({})))).Account!;
}

async function vpc(run: Run, label: string, cidr: string): Promise<string> {
  const { Vpc } = await run.step(`CreateVpc ${label}`, () => run.clients.ec2.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: runTag('vpc') })));
  return Vpc!.VpcId!;
}

async function subnet(run: Run, label: string, vpcId: string, cidr: string, zone = ZONE): Promise<string> {
  const { Subnet } = await run.step(`CreateSubnet ${label}`, () =>
    run.clients.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone, TagSpecifications: runTag('subnet') })),
  );
  return Subnet!.SubnetId!;
}

/** A group admitting TCP on each of `ports` from `fromCidr`. */
export async function securityGroup(run: Run, label: string, vpcId: string, ports: readonly number[], fromCidr: string): Promise<string> {
  const { GroupId } = await run.step(`CreateSecurityGroup ${label}`, () =>
    run.clients.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: label, Description: `vpce-lab ${label}` })),
  );
  if (ports.length > 0) {
    const IpPermissions = ports.map((port) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: fromCidr }] }));
    await run.step(`AuthorizeSecurityGroupIngress ${label}`, () => run.clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions })));
  }
  return GroupId!;
}

/**
 * The consumer VPC `10.0.0.0/16` with DNS hostnames on: public subnet
 * `10.0.0.0/24` routed to an internet gateway, private subnet `10.0.1.0/24`
 * on the main route table with no internet route.
 */
export async function consumerNetwork(run: Run) {
  const { ec2 } = run.clients;
  const vpcId = await vpc(run, 'consumer', '10.0.0.0/16');
  await run.step('ModifyVpcAttribute', () => ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } })));
  const publicSubnetId = await subnet(run, 'public', vpcId, '10.0.0.0/24');
  const privateSubnetId = await subnet(run, 'private', vpcId, '10.0.1.0/24');
  const { InternetGateway } = await run.step('CreateInternetGateway', () => ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: runTag('internet-gateway') })));
  const internetGatewayId = InternetGateway!.InternetGatewayId!;
  await run.step('AttachInternetGateway', () => ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId })));
  const { RouteTable } = await run.step('CreateRouteTable', () => ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: runTag('route-table') })));
  const publicRouteTableId = RouteTable!.RouteTableId!;
  await run.step('CreateRoute', () => ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: internetGatewayId })));
  const { AssociationId } = await run.step('AssociateRouteTable', () => ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRouteTableId, SubnetId: publicSubnetId })));
  return { vpcId, cidr: '10.0.0.0/16', publicSubnetId, privateSubnetId, internetGatewayId, publicRouteTableId, publicAssociationId: AssociationId! };
}

export type ConsumerNetwork = Awaited<ReturnType<typeof consumerNetwork>>;

/** The provider VPC `10.1.0.0/16` with a subnet in zone a (`10.1.0.0/24`) and one in zone b (`10.1.1.0/24`). */
export async function providerNetwork(run: Run) {
  const vpcId = await vpc(run, 'provider', '10.1.0.0/16');
  return { vpcId, cidr: '10.1.0.0/16', subnetIds: [await subnet(run, 'provider a', vpcId, '10.1.0.0/24'), await subnet(run, 'provider b', vpcId, '10.1.1.0/24', `${REGION}b`)] };
}

/** The provider's internal Network Load Balancer, named per scenario (names are unique in an account and region). */
export async function internalNlb(run: Run, name: string, subnetIds: readonly string[]) {
  const { LoadBalancers } = await run.step('CreateLoadBalancer', () =>
    run.clients.elbv2.send(new CreateLoadBalancerCommand({ Name: name, Type: 'network', Scheme: 'internal', Subnets: [...subnetIds], Tags: [{ Key: 'vpce-lab:run-id', Value: 'differential' }] })),
  );
  return LoadBalancers![0]!;
}

/** The public Amazon Linux 2023 AMI of the region, as the lab finds it. */
export async function amazonLinuxAmi(run: Run): Promise<string> {
  return (await run.step('GetParameter', () => run.clients.ssm.send(new GetParameterCommand({ Name: AL2023 })))).Parameter!.Value!;
}

/** One lab instance (`t3.micro`, the lab's instance profile) in `subnetId`, with a public address when asked. */
export async function labInstance(run: Run, label: string, imageId: string, subnetId: string, groupId: string, options: { publicIp?: boolean } = {}): Promise<string> {
  const { Instances } = await run.step(`RunInstances ${label}`, () =>
    run.clients.ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        IamInstanceProfile: { Name: 'vpce-lab-instance' },
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [groupId], AssociatePublicIpAddress: options.publicIp ?? false }],
        TagSpecifications: runTag('instance'),
      }),
    ),
  );
  return Instances![0]!.InstanceId!;
}
