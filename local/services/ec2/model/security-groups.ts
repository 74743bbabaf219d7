import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { type Ec2Context, recordBase } from './ec2-context';
import type { SecurityGroupRecord, SecurityGroupRuleRecord, VpcRecord } from './ec2-records';

const allTrafficTo = (target: Omit<SecurityGroupRuleRecord, 'ruleId' | 'ipProtocol'>): SecurityGroupRuleRecord => ({
  ruleId: newId('sgr'),
  ipProtocol: '-1',
  ...target,
});

/**
 * A security group of `vpc`. Like EC2, every group may send anything
 * anywhere; the VPC's default group also admits everything from its own members.
 */
export function createSecurityGroup(
  context: Ec2Context,
  vpc: VpcRecord,
  options: { groupName: string; description: string; isDefault: boolean; tags?: Tags },
): SecurityGroupRecord {
  const id = newId('sg');
  const record: SecurityGroupRecord = {
    ...recordBase(context, id, vpc.region, options.tags ?? {}),
    vpcId: vpc.id,
    groupName: options.groupName,
    description: options.description,
    isDefault: options.isDefault,
    ingress: options.isDefault ? [allTrafficTo({ referencedGroupId: id })] : [],
    egress: [allTrafficTo({ cidrIpv4: '0.0.0.0/0' })],
  };
  return context.tables.securityGroups.put(record);
}
