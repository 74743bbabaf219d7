import {
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DescribePrefixListsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  type Filter,
  type IpPermission,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { vpcWithSubnet } from '../support/lab-network';
import { localCloudForTests, REGION, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();
let vpcId: string;
let subnetId: string;
beforeAll(async () => {
  ({ vpcId, subnetId } = await vpcWithSubnet(local.ec2, '10.0.0.0/16', '10.0.1.0/24'));
});

let groupCount = 0;
const newGroup = async (GroupName = `group-${++groupCount}`, VpcId = vpcId) =>
  (await local.ec2.send(new CreateSecurityGroupCommand({ GroupName, Description: `${GroupName} rules`, VpcId }))).GroupId!;
const describeGroups = async (Filters: Filter[]) => (await local.ec2.send(new DescribeSecurityGroupsCommand({ Filters }))).SecurityGroups ?? [];
const describeGroup = async (GroupId: string): Promise<SecurityGroup> =>
  (await local.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [GroupId] }))).SecurityGroups![0]!;
const authorize = (GroupId: string, IpPermissions: IpPermission[]) => local.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions }));
const revoke = (GroupId: string, IpPermissions: IpPermission[]) => local.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions }));
const http = (from: { IpRanges?: IpPermission['IpRanges']; UserIdGroupPairs?: IpPermission['UserIdGroupPairs'] }): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: 80,
  ToPort: 80,
  ...from,
});
const openEgress = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };

test("a VPC's default group admits its own members and lets everything out", async () => {
  const [group] = await describeGroups([
    { Name: 'vpc-id', Values: [vpcId] },
    { Name: 'group-name', Values: ['default'] },
  ]);
  expect(group).toMatchObject({ GroupName: 'default', Description: 'default VPC security group', VpcId: vpcId, OwnerId: '000000000000' });
  expect(group?.IpPermissions).toEqual([
    { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: group?.GroupId, UserId: '000000000000' }] },
  ]);
  expect(group?.IpPermissionsEgress).toEqual([openEgress]);
  expect(await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group!.GroupId! })))).toMatchObject({
    name: 'CannotDelete',
    message: `the specified group: "${group?.GroupId}" name: "default" cannot be deleted by a user`,
  });
});

test('a new group has no ingress, open egress, its tags and an ARN', async () => {
  const created = await local.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: 'web',
      Description: 'web servers',
      VpcId: vpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'vpce-lab:run-id', Value: 'sg-run' }] }],
    }),
  );
  expect(created.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
  expect(created.SecurityGroupArn).toBe(`arn:aws:ec2:${REGION}:000000000000:security-group/${created.GroupId}`);
  expect(created.Tags).toEqual([{ Key: 'vpce-lab:run-id', Value: 'sg-run' }]);
  expect(await describeGroup(created.GroupId!)).toMatchObject({ GroupName: 'web', Description: 'web servers', IpPermissions: [], IpPermissionsEgress: [openEgress] });
});

test('names must be unique in a VPC and may not look reserved', async () => {
  await newGroup('unique-name');
  expect(await refused(newGroup('unique-name'))).toMatchObject({
    name: 'InvalidGroup.Duplicate',
    message: `The security group 'unique-name' already exists for VPC '${vpcId}'`,
  });
  const otherVpc = (await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  expect(await newGroup('unique-name', otherVpc)).toMatch(/^sg-/);
  expect((await refused(newGroup('default'))).name).toBe('InvalidParameterValue');
  expect((await refused(newGroup('sg-lookalike'))).message).toContain('Group names may not be in the format sg-*');
  expect((await refused(newGroup('lost', 'vpc-0123456789abcdef0'))).name).toBe('InvalidVpcID.NotFound');
});

test('ingress rules are added, shown as AWS groups them, and refused when repeated', async () => {
  const peer = await newGroup();
  const groupId = await newGroup();
  const added = await authorize(groupId, [
    http({ IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }], UserIdGroupPairs: [{ GroupId: peer }] }),
    { IpProtocol: '6', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ]);
  expect(added.Return).toBe(true);
  expect(added.SecurityGroupRules).toHaveLength(3);
  expect(added.SecurityGroupRules?.[0]).toMatchObject({
    SecurityGroupRuleId: expect.stringMatching(/^sgr-[0-9a-f]{17}$/),
    GroupId: groupId,
    GroupOwnerId: '000000000000',
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 80,
    ToPort: 80,
    CidrIpv4: '10.0.0.0/16',
    Description: 'vpc',
  });
  expect(added.SecurityGroupRules?.[1]).toMatchObject({ ReferencedGroupInfo: { GroupId: peer, UserId: '000000000000' } });
  expect((await describeGroup(groupId)).IpPermissions).toEqual([
    {
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'vpc' }],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [{ GroupId: peer, UserId: '000000000000' }],
    },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
  ]);
  expect(await refused(authorize(groupId, [http({ IpRanges: [{ CidrIp: '10.0.0.0/16' }] })]))).toMatchObject({
    name: 'InvalidPermission.Duplicate',
    message: 'the specified rule "peer: 10.0.0.0/16, TCP, from port: 80, to port: 80, ALLOW" already exists',
  });
  expect((await refused(authorize(groupId, [http({ IpRanges: [{ CidrIp: '1.1.1.1/32' }, { CidrIp: '1.1.1.1/32' }] })]))).message).toBe(
    'The same permission must not appear multiple times',
  );
});

test('the tags given to new rules are on each rule added, and tags for another resource type are refused', async () => {
  const groupId = await newGroup();
  const tagged = (ResourceType: 'security-group-rule' | 'security-group') =>
    local.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [http({ IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.9.0.0/16' }] })],
        TagSpecifications: [{ ResourceType, Tags: [{ Key: 'vpce-lab:run-id', Value: 'r1' }] }],
      }),
    );
  expect((await refused(tagged('security-group'))).name).toBe('InvalidParameterValue');
  const { SecurityGroupRules } = await tagged('security-group-rule');
  expect(SecurityGroupRules?.map((rule) => rule.Tags)).toEqual([[{ Key: 'vpce-lab:run-id', Value: 'r1' }], [{ Key: 'vpce-lab:run-id', Value: 'r1' }]]);
});

test('rules that cannot be satisfied are refused', async () => {
  const groupId = await newGroup();
  expect((await refused(authorize(groupId, [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }]))).name).toBe('InvalidParameterValue');
  expect((await refused(authorize(groupId, [{ IpProtocol: 'bogus', IpRanges: [{ CidrIp: '10.0.0.0/8' }] }]))).name).toBe('InvalidParameterValue');
  expect((await refused(authorize(groupId, [http({ IpRanges: [{ CidrIp: '10.0.0.300/8' }] })]))).name).toBe('InvalidParameterValue');
  expect((await refused(authorize(groupId, [http({ UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] })]))).name).toBe('InvalidGroup.NotFound');
  const elsewhere = (await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc!.VpcId!;
  expect((await refused(authorize(groupId, [http({ UserIdGroupPairs: [{ GroupId: await newGroup(undefined, elsewhere) }] })]))).name).toBe('InvalidGroup.NotFound');
  expect(await refused(authorize(groupId, [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-00000000' }] }]))).toMatchObject({
    name: 'InvalidPrefixListID.NotFound',
  });
});

test('all-traffic and prefix-list rules take the forms AWS gives them', async () => {
  const groupId = await newGroup();
  const { PrefixLists } = await local.ec2.send(new DescribePrefixListsCommand({}));
  const s3 = PrefixLists!.find((list) => list.PrefixListName === `com.amazonaws.${REGION}.s3`)!.PrefixListId!;
  const added = await authorize(groupId, [
    { IpProtocol: '-1', FromPort: 5, ToPort: 6, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: s3 }] },
  ]);
  expect(added.SecurityGroupRules?.map((rule) => [rule.IpProtocol, rule.FromPort, rule.ToPort])).toEqual([
    ['-1', -1, -1],
    ['tcp', 443, 443],
  ]);
  expect((await describeGroup(groupId)).IpPermissions).toEqual([
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: s3 }], UserIdGroupPairs: [] },
  ]);
  expect((await refused(authorize(groupId, [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }] }]))).message).toBe(
    'the specified rule "peer: 10.0.0.0/16, ALL, ALLOW" already exists',
  );
});

test('revoking removes exactly the rule named, and a missing rule is InvalidPermission.NotFound', async () => {
  const groupId = await newGroup();
  await authorize(groupId, [http({ IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '10.9.0.0/16' }] })]);
  const revoked = await revoke(groupId, [http({ IpRanges: [{ CidrIp: '10.9.0.0/16' }] })]);
  expect(revoked.Return).toBe(true);
  expect(revoked.RevokedSecurityGroupRules).toEqual([
    expect.objectContaining({ GroupId: groupId, IsEgress: false, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIpv4: '10.9.0.0/16' }),
  ]);
  expect((await describeGroup(groupId)).IpPermissions?.[0]?.IpRanges).toEqual([{ CidrIp: '10.0.0.0/16' }]);
  expect(await refused(revoke(groupId, [http({ IpRanges: [{ CidrIp: '10.9.0.0/16' }] })]))).toMatchObject({
    name: 'InvalidPermission.NotFound',
    message: 'The specified rule does not exist in this security group.',
  });
});

test('a group in use by an interface or referenced by another group cannot be deleted', async () => {
  const referenced = await newGroup();
  const referencing = await newGroup();
  await authorize(referencing, [http({ UserIdGroupPairs: [{ GroupId: referenced }] })]);
  const dependent = { name: 'DependencyViolation', message: `resource ${referenced} has a dependent object` };
  expect(await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referenced })))).toMatchObject(dependent);
  await local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referencing }));

  const { NetworkInterface } = await local.ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId, Groups: [referenced] }));
  expect(await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referenced })))).toMatchObject(dependent);
  await local.ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId! }));
  await local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referenced }));
  expect(await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referenced })))).toMatchObject({
    name: 'InvalidGroup.NotFound',
    message: `The security group '${referenced}' does not exist`,
  });
});

test('malformed ids are refused as EC2 refuses them, and group names looked for in the default VPC', async () => {
  expect(await refused(local.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['web'] })))).toMatchObject({
    name: 'InvalidGroupId.Malformed',
    message: 'Invalid id: "web" (expecting "sg-...")',
  });
  expect((await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupId: 'sg-xyz' })))).name).toBe('InvalidGroupId.Malformed');
  const { Vpcs } = await local.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  expect(await refused(local.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] })))).toMatchObject({
    name: 'InvalidGroup.NotFound',
    message: `The security group 'web' does not exist in default VPC '${Vpcs![0]!.VpcId!}'`,
  });
  expect((await refused(local.ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'web' })))).name).toBe('InvalidGroup.NotFound');
});

test('group names are refused as EC2 refuses them without a default VPC', async () => {
  await withOwnLocalCloud(
    async ({ ec2 }) => {
      expect(await refused(ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] })))).toMatchObject({
        name: 'VPCIdNotSpecified',
        message: 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
      });
      expect((await refused(ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'web' })))).name).toBe('VPCIdNotSpecified');
    },
    { defaultVpc: false },
  );
});

test('DescribeSecurityGroups filters by name, rule and tag, and pages', async () => {
  const pagedVpc = (await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc!.VpcId!;
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await newGroup(`paged-${i}`, pagedVpc));
  await authorize(ids[3]!, [http({ IpRanges: [{ CidrIp: '172.16.0.0/12' }] })]);
  const inVpc = { Name: 'vpc-id', Values: [pagedVpc] };
  expect((await describeGroups([inVpc, { Name: 'ip-permission.cidr', Values: ['172.16.0.0/12'] }])).map((group) => group.GroupId)).toEqual([ids[3]]);
  expect((await describeGroups([inVpc, { Name: 'group-name', Values: ['paged-1', 'paged-4'] }])).map((group) => group.GroupId)).toEqual([ids[1], ids[4]]);
  const first = await local.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [inVpc], MaxResults: 5 }));
  const second = await local.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [inVpc], MaxResults: 5, NextToken: first.NextToken }));
  expect([first.SecurityGroups?.length, second.SecurityGroups?.length, second.NextToken]).toEqual([5, 1, undefined]);
});
