import { newId } from '../../../cloud/ids';
import { awsSeconds } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import { parseCidr } from '../../../cloud/cidr';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { VpcRecord } from './ec2-records';
import { createRouteTable } from './route-tables';
import { createSecurityGroup } from './security-groups';
import { requireQuotaHeadroom } from '../../servicequotas/model/applied-quotas';
import { modelledQuota } from '../../servicequotas/model/default-quotas';
import { dependencyViolation } from './ec2-errors';

const VPCS_PER_REGION = modelledQuota('vpc', 'L-F678F1CE');

export const VPC_AVAILABLE = 'ec2.vpc-available';

export function registerVpcEvents(context: Ec2Context): void {
  context.runtime.scheduler.on(VPC_AVAILABLE, ({ id }) => {
    context.tables.vpcs.update(id ?? '', (vpc) => (vpc.state = 'available'));
  });
}

/**
 * The account's "VPCs per Region" quota (default 5, the default VPC counted)
 * holds at CreateVpc: "VpcLimitExceeded: You've reached the limit on the
 * number of VPCs that you can create in the Region"
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html),
 * with the message AWS answers (seen from AWS in hello-nrfcloud/backend#17).
 * An increase approved through Service Quotas raises it.
 */
function requireVpcHeadroom(context: Ec2Context, region: string): void {
  const inRegion = context.tables.vpcs.all().filter((vpc) => vpc.region === region).length;
  requireQuotaHeadroom(context.runtime.store, VPCS_PER_REGION, inRegion, () => new ServiceError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.'));
}

/** A new VPC with, as in EC2, its main route table and default security group. */
export function createVpc(context: Ec2Context, region: string, options: { cidrBlock: string; tags: Tags; instanceTenancy?: string }): VpcRecord {
  const cidr = parseCidr(options.cidrBlock);
  if (cidr.prefix < 16 || cidr.prefix > 28) {
    throw invalidParameterValue(`The CIDR '${options.cidrBlock}' is invalid: a VPC's block must be between /16 and /28.`);
  }
  requireVpcHeadroom(context, region);
  const vpc: VpcRecord = {
    ...recordBase(context, newId('vpc'), region, options.tags),
    cidrBlock: options.cidrBlock,
    state: 'pending',
    enableDnsSupport: true,
    enableDnsHostnames: false,
    mainRouteTableId: '',
    defaultSecurityGroupId: '',
    dhcpOptionsId: newId('dopt'),
    instanceTenancy: options.instanceTenancy ?? 'default',
  };
  context.tables.vpcs.put(vpc);
  vpc.mainRouteTableId = createRouteTable(context, vpc, true).id;
  vpc.defaultSecurityGroupId = createSecurityGroup(context, vpc, { groupName: 'default', description: 'default VPC security group', isDefault: true }).id;
  context.runtime.scheduler.after(awsSeconds('vpcAvailable'), VPC_AVAILABLE, { id: vpc.id });
  return vpc;
}

/** What still holds a VPC, named as a person would fix it; empty when it can go. */
export function vpcDependents(context: Ec2Context, vpcId: string): string[] {
  const { tables } = context;
  const inVpc = <T extends { vpcId: string }>(records: T[]): T[] => records.filter((record) => record.vpcId === vpcId);
  return [
    ...inVpc(tables.subnets.all()).map((subnet) => subnet.id),
    ...tables.internetGateways.all().filter((gateway) => gateway.attachedVpcId === vpcId).map((gateway) => gateway.id),
    ...inVpc(tables.securityGroups.all()).filter((group) => !group.isDefault).map((group) => group.id),
    ...inVpc(tables.routeTables.all()).filter((table) => !table.associations.some((association) => association.main)).map((table) => table.id),
    ...inVpc(tables.vpcEndpoints.all()).filter((endpoint) => endpoint.state !== 'deleted').map((endpoint) => endpoint.id),
    ...inVpc(tables.networkInterfaces.all()).map((eni) => eni.id),
  ];
}

export function deleteVpc(context: Ec2Context, vpc: VpcRecord): void {
  const dependents = vpcDependents(context, vpc.id);
  if (dependents.length > 0) {
    throw dependencyViolation(`The vpc '${vpc.id}' has dependencies and cannot be deleted. Still in it: ${dependents.slice(0, 10).join(', ')}`);
  }
  context.tables.routeTables.delete(vpc.mainRouteTableId);
  context.tables.securityGroups.delete(vpc.defaultSecurityGroupId);
  context.tables.vpcs.delete(vpc.id);
}

export type DnsAttribute = 'enableDnsSupport' | 'enableDnsHostnames';

export function setDnsAttribute(vpc: VpcRecord, attribute: DnsAttribute, value: boolean): void {
  if (attribute === 'enableDnsHostnames' && value && !vpc.enableDnsSupport) {
    throw invalidParameterValue('DNS hostnames cannot be enabled unless DNS support is enabled for the VPC.');
  }
  if (attribute === 'enableDnsSupport' && !value && vpc.enableDnsHostnames) {
    throw invalidParameterValue('DNS support cannot be disabled while DNS hostnames are enabled for the VPC.');
  }
  vpc[attribute] = value;
}
