import type { StepDependencies } from '../../commons/lab-step';
import type { LabRun } from '../lab-run';
import type { Consumer, Plan } from '../lab-state';
import { CONSUMER, LOGICAL, SECURITY_GROUPS } from '../lab-topology';
import { ensureInternetGateway, ensureRouteTable, ensureSecurityGroup, ensureSubnet, ensureVpc } from './network-building';

/**
 * BuildConsumerNetwork: the VPC the lessons are proved in. A public subnet
 * routed to the internet, a private one with no internet route, and the
 * security groups of the instances and of the endpoints. Built for every
 * scenario; safe to run again (finds what an earlier attempt made).
 */
export async function buildConsumerNetwork(input: { run: LabRun; plan: Plan }, { clients: { ec2 } }: StepDependencies): Promise<Consumer> {
  const { run, plan } = input;
  const zone = plan.zones[0];
  const vpcId = await ensureVpc(ec2, run, LOGICAL.consumerVpc, CONSUMER.vpcCidr);
  const publicSubnetId = await ensureSubnet(ec2, run, LOGICAL.publicSubnet, { vpcId, cidr: CONSUMER.publicSubnetCidr, zone, mapPublicIp: true });
  const privateSubnetId = await ensureSubnet(ec2, run, LOGICAL.privateSubnet, { vpcId, cidr: CONSUMER.privateSubnetCidr, zone, mapPublicIp: false });
  const internetGatewayId = await ensureInternetGateway(ec2, run, LOGICAL.consumerGateway, vpcId);
  const publicRouteTableId = await ensureRouteTable(ec2, run, LOGICAL.publicRouteTable, { vpcId, subnetIds: [publicSubnetId], internetGatewayId });
  const privateRouteTableId = await ensureRouteTable(ec2, run, LOGICAL.privateRouteTable, { vpcId, subnetIds: [privateSubnetId] });
  const instanceSecurityGroupId = await ensureSecurityGroup(ec2, run, LOGICAL.instancesGroup, { vpcId, ...SECURITY_GROUPS.instances });
  const endpointSecurityGroupId = await ensureSecurityGroup(ec2, run, LOGICAL.endpointsGroup, { vpcId, ...SECURITY_GROUPS.endpoints });
  return {
    vpcId,
    publicSubnetId,
    privateSubnetId,
    publicRouteTableId,
    privateRouteTableId,
    internetGatewayId,
    instanceSecurityGroupId,
    endpointSecurityGroupId,
  };
}
