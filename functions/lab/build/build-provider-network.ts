import type { StepDependencies } from '../../commons/lab-step';
import type { LabRun } from '../lab-run';
import type { Plan, Provider } from '../lab-state';
import { LOGICAL, PROVIDER, SECURITY_GROUPS } from '../lab-topology';
import { ensureInternetGateway, ensureRouteTable, ensureSecurityGroup, ensureSubnet, ensureVpc } from './network-building';

/**
 * BuildProviderNetwork (service lesson): the VPC behind the endpoint service.
 * One subnet in each of the plan's two zones (the NLB spans both), routed to
 * the internet so the web servers can install httpd, and a `web` group
 * admitting port 80 from the VPC, where the NLB's addresses are.
 */
export async function buildProviderNetwork(input: { run: LabRun; plan: Plan }, { clients: { ec2 } }: StepDependencies): Promise<Provider> {
  const { run, plan } = input;
  const vpcId = await ensureVpc(ec2, run, LOGICAL.providerVpc, PROVIDER.vpcCidr);
  const [first, second] = PROVIDER.subnetCidrs;
  const subnetIds: [string, string] = [
    await ensureSubnet(ec2, run, LOGICAL.providerSubnet(1), { vpcId, cidr: first, zone: plan.zones[0], mapPublicIp: true }),
    await ensureSubnet(ec2, run, LOGICAL.providerSubnet(2), { vpcId, cidr: second, zone: plan.zones[1], mapPublicIp: true }),
  ];
  const internetGatewayId = await ensureInternetGateway(ec2, run, LOGICAL.providerGateway, vpcId);
  const routeTableId = await ensureRouteTable(ec2, run, LOGICAL.providerRouteTable, { vpcId, subnetIds, internetGatewayId });
  const webSecurityGroupId = await ensureSecurityGroup(ec2, run, LOGICAL.webGroup, { vpcId, ...SECURITY_GROUPS.web });
  return { vpcId, subnetIds, internetGatewayId, routeTableId, webSecurityGroupId };
}
