import { newId } from '../../../cloud/ids';
import { awsSeconds } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import { cidrContains, cidrOverlaps, parseCidr } from '../../../cloud/cidr';
import { ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { SubnetRecord, VpcRecord } from './ec2-records';
import { dependencyViolation } from './ec2-errors';

export const SUBNET_AVAILABLE = 'ec2.subnet-available';

export function registerSubnetEvents(context: Ec2Context): void {
  context.runtime.scheduler.on(SUBNET_AVAILABLE, ({ id }) => {
    context.tables.subnets.update(id ?? '', (subnet) => (subnet.state = 'available'));
  });
}

/**
 * A subnet of `vpc`. Its block must lie inside the VPC's, be /16 to /28 and
 * overlap no other subnet of the VPC, as EC2 insists.
 */
export function createSubnet(context: Ec2Context, vpc: VpcRecord, options: { cidrBlock: string; availabilityZone: string; tags: Tags }): SubnetRecord {
  const cidr = parseCidr(options.cidrBlock);
  if (cidr.prefix < 16 || cidr.prefix > 28 || !cidrContains(parseCidr(vpc.cidrBlock), cidr)) {
    throw new ServiceError('InvalidSubnet.Range', `The CIDR '${options.cidrBlock}' is invalid.`);
  }
  const conflict = context.tables.subnets.all().some((subnet) => subnet.vpcId === vpc.id && cidrOverlaps(parseCidr(subnet.cidrBlock), cidr));
  if (conflict) throw new ServiceError('InvalidSubnet.Conflict', `The CIDR '${options.cidrBlock}' conflicts with another subnet`);
  const subnet: SubnetRecord = {
    ...recordBase(context, newId('subnet'), vpc.region, options.tags),
    vpcId: vpc.id,
    cidrBlock: options.cidrBlock,
    availabilityZone: options.availabilityZone,
    state: 'pending',
    mapPublicIpOnLaunch: false,
  };
  context.tables.subnets.put(subnet);
  context.runtime.scheduler.after(awsSeconds('subnetAvailable'), SUBNET_AVAILABLE, { id: subnet.id });
  return subnet;
}

/**
 * Deletes a subnet nothing is in. Any network interface holds it, including
 * those an instance, endpoint or load balancer left behind and EC2 has not
 * released yet. Its explicit route-table association goes with it.
 */
export function deleteSubnet(context: Ec2Context, subnet: SubnetRecord): void {
  if (context.tables.networkInterfaces.all().some((eni) => eni.subnetId === subnet.id)) {
    throw dependencyViolation(`The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
  }
  for (const table of context.tables.routeTables.all()) {
    if (!table.associations.some((association) => association.subnetId === subnet.id)) continue;
    context.tables.routeTables.update(table.id, (record) => {
      record.associations = record.associations.filter((association) => association.subnetId !== subnet.id);
    });
  }
  context.tables.subnets.delete(subnet.id);
}
