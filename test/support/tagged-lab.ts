import {
  AcceptVpcEndpointConnectionsCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointConnectionNotificationCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { AddTagsCommand, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { type RunIdentity, runTags } from '../../functions/commons/lab-tags';
import { vpcWithTwoZones } from './endpoint-lab';
import type { LocalCloudFixture } from './local-cloud-fixture';
import { createNlb, createTcpTargetGroup, launchInstance } from './nlb-lab';
import { consumerWithInstances, interfaceEndpoint, privateSubnetEndpoint, providerService, serviceName, ssmEndpoints } from './ssm-lab';

export const CONNECTION_TOPIC = 'arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connections';

/**
 * Tags a VPC and what the lab puts in it (subnets, route tables other than
 * the main one, its internet gateway, security groups other than the
 * default, instances, endpoints) with a run's tags, as the build steps tag
 * at creation.
 */
export async function tagVpcContents({ ec2 }: LocalCloudFixture, vpcId: string, run: RunIdentity): Promise<void> {
  const inVpc = { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] };
  const [subnets, tables, gateways, groups, instances, endpoints] = await Promise.all([
    ec2.send(new DescribeSubnetsCommand(inVpc)),
    ec2.send(new DescribeRouteTablesCommand(inVpc)),
    ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] })),
    ec2.send(new DescribeSecurityGroupsCommand(inVpc)),
    ec2.send(new DescribeInstancesCommand(inVpc)),
    ec2.send(new DescribeVpcEndpointsCommand(inVpc)),
  ]);
  const ids = [
    vpcId,
    ...(subnets.Subnets ?? []).map((subnet) => subnet.SubnetId),
    ...(tables.RouteTables ?? []).filter((table) => !table.Associations?.some((association) => association.Main)).map((table) => table.RouteTableId),
    ...(gateways.InternetGateways ?? []).map((gateway) => gateway.InternetGatewayId),
    ...(groups.SecurityGroups ?? []).filter((group) => group.GroupName !== 'default').map((group) => group.GroupId),
    ...(instances.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId),
    ...(endpoints.VpcEndpoints ?? []).map((endpoint) => endpoint.VpcEndpointId),
  ];
  await ec2.send(new CreateTagsCommand({ Resources: ids.filter((id): id is string => id !== undefined), Tags: runTags(run, 'lab') }));
}

/** Tags ELBv2 resources with a run's tags. */
export async function tagElbv2({ elbv2 }: LocalCloudFixture, arns: string[], run: RunIdentity): Promise<void> {
  await elbv2.send(new AddTagsCommand({ ResourceArns: arns, Tags: runTags(run, 'lab') }));
}

/**
 * The whole lab of one run (scenario full), every piece tagged for the run:
 * consumer VPC `10.<consumer>.0.0/16` with its two instances, the SSM,
 * S3 (gateway) and CloudFormation endpoints; provider VPC
 * `10.<provider>.0.0/16` with two web servers behind an NLB, published as an
 * endpoint service with a connection notification; the consumer's accepted
 * endpoint to that service.
 */
export async function taggedLab(local: LocalCloudFixture, run: RunIdentity, n: { consumer: number; provider: number }) {
  const { ec2, elbv2 } = local;
  const { network: consumer } = await consumerWithInstances(ec2, n.consumer);
  await ssmEndpoints(ec2, consumer);
  await ec2.send(new CreateVpcEndpointCommand({ VpcId: consumer.vpcId, VpcEndpointType: 'Gateway', ServiceName: serviceName('s3'), RouteTableIds: [consumer.publicRouteTableId] }));
  await interfaceEndpoint(ec2, consumer, 'cloudformation');

  const provider = await providerService(local, n.provider);
  const { LoadBalancers } = await elbv2.send(new DescribeLoadBalancersCommand({ Names: [`web-${n.provider}`] }));
  const { TargetGroups } = await elbv2.send(new DescribeTargetGroupsCommand({ Names: [`web-${n.provider}`] }));
  const loadBalancer = LoadBalancers![0]!;
  await ec2.send(new CreateVpcEndpointConnectionNotificationCommand({ ServiceId: provider.serviceId, ConnectionNotificationArn: CONNECTION_TOPIC, ConnectionEvents: ['Connect', 'Accept', 'Reject', 'Delete'] }));
  const endpoint = await privateSubnetEndpoint(ec2, consumer, provider.serviceName);
  await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: provider.serviceId, VpcEndpointIds: [endpoint.VpcEndpointId!] }));
  local.cloud.settle();

  await tagVpcContents(local, consumer.vpcId, run);
  await tagVpcContents(local, loadBalancer.VpcId!, run);
  await tagElbv2(local, [loadBalancer.LoadBalancerArn!, TargetGroups![0]!.TargetGroupArn!], run);
  await ec2.send(new CreateTagsCommand({ Resources: [provider.serviceId], Tags: runTags(run, 'endpoint-service') }));
  return { consumerVpcId: consumer.vpcId, providerVpcId: loadBalancer.VpcId!, serviceId: provider.serviceId, serviceName: provider.serviceName };
}

/**
 * A run whose build stopped part-way: a VPC `10.<n>.0.0/16` with two subnets,
 * an attached internet gateway, a route table and a security group, an
 * instance still booting, a load balancer still provisioning with no
 * listener, a target group nothing uses, and a gateway the build made but
 * never attached. All tagged for the run.
 */
export async function halfBuiltLab(local: LocalCloudFixture, run: RunIdentity, n: number) {
  const { ec2 } = local;
  const network = await vpcWithTwoZones(ec2, n);
  const attached = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: attached, VpcId: network.vpcId }));
  await ec2.send(new CreateRouteTableCommand({ VpcId: network.vpcId }));
  await ec2.send(new CreateSecurityGroupCommand({ VpcId: network.vpcId, GroupName: `half-${n}`, Description: 'half-built' }));
  await launchInstance(ec2, network.subnetA);
  const balancer = await createNlb(local.elbv2, { Name: `half-${n}`, Subnets: [network.subnetA] });
  const group = await createTcpTargetGroup(local.elbv2, { Name: `half-${n}`, VpcId: network.vpcId });
  await tagVpcContents(local, network.vpcId, run);
  await tagElbv2(local, [balancer.LoadBalancerArn!, group.TargetGroupArn!], run);
  const loose = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: runTags(run, 'consumer-igw') }] }))).InternetGateway!;
  return { vpcId: network.vpcId, looseGatewayId: loose.InternetGatewayId! };
}
