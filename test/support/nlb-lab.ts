import { AttachInternetGatewayCommand, CreateInternetGatewayCommand, type EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  type CreateLoadBalancerCommandInput,
  CreateTargetGroupCommand,
  type CreateTargetGroupCommandInput,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { vpcWithTwoZones } from './endpoint-lab';
import { refused } from './refused';

export const AMI = 'ami-0c9c942bd7bf113a2';

/** A VPC `10.<n>.0.0/16` with a subnet in zones a and b and, for internet-facing load balancers, an internet gateway. */
export async function nlbNetwork(ec2: EC2Client, n: number, options: { internetGateway?: boolean } = {}) {
  const network = await vpcWithTwoZones(ec2, n, { dnsHostnames: false });
  if (options.internetGateway) {
    const { InternetGateway } = await ec2.send(new CreateInternetGatewayCommand({}));
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: InternetGateway!.InternetGatewayId!, VpcId: network.vpcId }));
  }
  return network;
}

/** An instance launched in `subnetId`; it is `running` once the cloud has settled (at once on a zero time scale). */
export async function launchInstance(ec2: EC2Client, subnetId: string): Promise<string> {
  const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: AMI, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnetId }));
  return Instances![0]!.InstanceId!;
}

export async function createNlb(elbv2: ElasticLoadBalancingV2Client, input: Partial<CreateLoadBalancerCommandInput> & { Name: string }) {
  const { LoadBalancers } = await elbv2.send(new CreateLoadBalancerCommand({ Type: 'network', Scheme: 'internal', ...input }));
  return LoadBalancers![0]!;
}

export async function createTcpTargetGroup(elbv2: ElasticLoadBalancingV2Client, input: Partial<CreateTargetGroupCommandInput> & { Name: string; VpcId: string }) {
  const { TargetGroups } = await elbv2.send(new CreateTargetGroupCommand({ Protocol: 'TCP', Port: 80, ...input }));
  return TargetGroups![0]!;
}

/** A TCP listener on `port` of a load balancer, forwarding to one target group. */
export async function forwardTcp(elbv2: ElasticLoadBalancingV2Client, loadBalancerArn: string, targetGroupArn: string, port = 80) {
  const { Listeners } = await elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'TCP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }),
  );
  return Listeners![0]!;
}

/**
 * What a refused ELBv2 call answered: its wire code (`LoadBalancerNotFound`;
 * the SDK names the error `LoadBalancerNotFoundException`) and message.
 */
export async function elbv2Refusal(call: Promise<unknown>): Promise<{ code?: string; message: string }> {
  const error = (await refused(call)) as { Code?: string; message: string };
  return { code: error.Code, message: error.message };
}
