import {
  CreateInternetGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  type Filter,
  type Tag,
} from '@aws-sdk/client-ec2';
import { vpcWithSubnet } from '../support/lab-network';
import { localCloudForTests } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();
let vpcId: string;
let subnetId: string;
beforeAll(async () => {
  ({ vpcId, subnetId } = await vpcWithSubnet(local.ec2, '10.0.0.0/16', '10.0.1.0/24'));
});

const tag = (Resources: string[], Tags: Tag[]) => local.ec2.send(new CreateTagsCommand({ Resources, Tags }));
const untag = (Resources: string[], Tags?: Tag[]) => local.ec2.send(new DeleteTagsCommand({ Resources, Tags }));
const describeTags = async (...Filters: Filter[]) => (await local.ec2.send(new DescribeTagsCommand({ Filters }))).Tags ?? [];
const tagsOf = async (resourceId: string) =>
  (await describeTags({ Name: 'resource-id', Values: [resourceId] })).map(({ Key, Value }) => ({ Key, Value }));

test('tags reach every kind of network resource, with the resource type EC2 names', async () => {
  const gatewayId = (await local.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  const tableId = (await local.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  const groupId = (await local.ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: 'tagged', Description: 'tagged' }))).GroupId!;
  const eniId = (await local.ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }))).NetworkInterface!.NetworkInterfaceId!;
  const resources = [vpcId, subnetId, gatewayId, tableId, groupId, eniId];
  await tag(resources, [{ Key: 'vpce-lab:run-id', Value: 'every-kind' }]);
  const listed = await describeTags({ Name: 'key', Values: ['vpce-lab:run-id'] }, { Name: 'value', Values: ['every-kind'] });
  expect(listed.map(({ ResourceId, ResourceType }) => [ResourceId, ResourceType]).sort()).toEqual(
    [
      [vpcId, 'vpc'],
      [subnetId, 'subnet'],
      [gatewayId, 'internet-gateway'],
      [tableId, 'route-table'],
      [groupId, 'security-group'],
      [eniId, 'network-interface'],
    ].sort(),
  );
  const { Vpcs } = await local.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:vpce-lab:run-id', Values: ['every-kind'] }] }));
  expect(Vpcs?.map((vpc) => vpc.VpcId)).toEqual([vpcId]);
});

test('CreateTags overwrites a value and adds new keys', async () => {
  await tag([subnetId], [{ Key: 'Name', Value: 'first' }]);
  await tag([subnetId], [{ Key: 'Name', Value: 'second' }, { Key: 'tier', Value: 'private' }]);
  expect(await tagsOf(subnetId)).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'second' }, { Key: 'tier', Value: 'private' }]));
});

test('DeleteTags removes by key, by matching value only, or everything', async () => {
  const gatewayId = (await local.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await tag([gatewayId], [
    { Key: 'a', Value: '1' },
    { Key: 'b', Value: '2' },
    { Key: 'c', Value: '' },
    { Key: 'd', Value: '4' },
  ]);
  await untag([gatewayId], [
    { Key: 'a', Value: '' },
    { Key: 'b', Value: 'not-2' },
  ]);
  expect((await tagsOf(gatewayId)).map((entry) => entry.Key)).toEqual(['a', 'b', 'c', 'd']);
  await untag([gatewayId], [{ Key: 'b', Value: '2' }, { Key: 'c', Value: '' }, { Key: 'd' }]);
  expect(await tagsOf(gatewayId)).toEqual([{ Key: 'a', Value: '1' }]);
  await untag([gatewayId]);
  expect(await tagsOf(gatewayId)).toEqual([]);
});

test('an id of no known kind is InvalidID; a missing resource gets its own NotFound, and nothing is tagged', async () => {
  expect(await refused(tag(['bogus-123'], [{ Key: 'k', Value: 'v' }]))).toMatchObject({ name: 'InvalidID', message: "The ID 'bogus-123' is not valid" });
  expect((await refused(tag([vpcId, 'vpc-0123456789abcdef0'], [{ Key: 'atomic', Value: 'v' }]))).name).toBe('InvalidVpcID.NotFound');
  expect((await refused(tag(['subnet-0123456789abcdef0'], [{ Key: 'k', Value: 'v' }]))).name).toBe('InvalidSubnetID.NotFound');
  expect((await refused(tag(['sg-0123456789abcdef0'], [{ Key: 'k', Value: 'v' }]))).name).toBe('InvalidGroup.NotFound');
  expect((await refused(untag(['rtb-0123456789abcdef0']))).name).toBe('InvalidRouteTableID.NotFound');
  expect(await describeTags({ Name: 'key', Values: ['atomic'] })).toEqual([]);
});

test('reserved keys and more than 50 tags are refused', async () => {
  expect((await refused(tag([vpcId], [{ Key: 'aws:owner', Value: 'me' }]))).name).toBe('InvalidParameterValue');
  const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  expect((await refused(tag([vpcId], many))).name).toBe('TagLimitExceeded');
});

test('DescribeTags filters by resource type and pages', async () => {
  const tableIds: string[] = [];
  for (let i = 0; i < 6; i++) tableIds.push((await local.ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!);
  await tag(tableIds, [{ Key: 'paged', Value: 'yes' }]);
  const filters = [
    { Name: 'resource-type', Values: ['route-table'] },
    { Name: 'key', Values: ['paged'] },
  ];
  const first = await local.ec2.send(new DescribeTagsCommand({ Filters: filters, MaxResults: 5 }));
  const second = await local.ec2.send(new DescribeTagsCommand({ Filters: filters, MaxResults: 5, NextToken: first.NextToken }));
  expect([...(first.Tags ?? []), ...(second.Tags ?? [])].map((entry) => entry.ResourceId).sort()).toEqual([...tableIds].sort());
  expect(second.NextToken).toBeUndefined();
});
