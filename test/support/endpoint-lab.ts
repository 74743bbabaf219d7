import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  type EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { type LocalCloudFixture, REGION } from './local-cloud-fixture';

/** Kept for `nlb-lab.ts`, which imports it from here; new tests use `refused` directly. */
export { refused as refusal } from './refused';

/**
 * A VPC `10.<n>.0.0/16` with a subnet in zone a (`10.<n>.1.0/24`) and one in
 * zone b (`10.<n>.2.0/24`), DNS hostnames on unless asked otherwise (private
 * DNS needs them).
 */
export async function vpcWithTwoZones(ec2: EC2Client, n: number, options: { dnsHostnames?: boolean } = {}) {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }));
  const vpcId = Vpc!.VpcId!;
  if (options.dnsHostnames ?? true) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const subnet = async (third: number, zone: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${n}.${third}.0/24`, AvailabilityZone: `${REGION}${zone}` }))).Subnet!.SubnetId!;
  return { vpcId, subnetA: await subnet(1, 'a'), subnetB: await subnet(2, 'b') };
}

/**
 * The lab's provider side: an internal NLB in zone a of VPC `10.<n>.0.0/16`
 * and an endpoint service on it, with no allowed principal: the local
 * account owns it, and an owner needs none to connect.
 */
export async function endpointService(local: LocalCloudFixture, n: number, options: { acceptanceRequired: boolean }) {
  const provider = await vpcWithTwoZones(local.ec2, n);
  const { LoadBalancers } = await local.elbv2.send(
    new CreateLoadBalancerCommand({ Name: `provider-${n}`, Type: 'network', Scheme: 'internal', Subnets: [provider.subnetA] }),
  );
  const loadBalancerArn = LoadBalancers![0]!.LoadBalancerArn!;
  const { ServiceConfiguration } = await local.ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [loadBalancerArn], AcceptanceRequired: options.acceptanceRequired }),
  );
  return { serviceId: ServiceConfiguration!.ServiceId!, serviceName: ServiceConfiguration!.ServiceName!, loadBalancerArn, configuration: ServiceConfiguration! };
}
