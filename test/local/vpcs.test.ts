import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcAttributeCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { localCloudForTests } from '../support/local-cloud-fixture';

const local = localCloudForTests();

const tagged = (runId: string) => [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'vpce-lab:run-id', Value: runId }] }];

test('a created VPC starts pending, becomes available and carries its tags', async () => {
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: tagged('r1') }));
  expect(Vpc?.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
  expect(Vpc?.State).toBe('pending');
  expect(Vpc?.Tags).toEqual([{ Key: 'vpce-lab:run-id', Value: 'r1' }]);
  local.cloud.settle();
  const { Vpcs } = await local.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }));
  expect(Vpcs?.[0]).toMatchObject({ VpcId: Vpc?.VpcId, State: 'available', CidrBlock: '10.0.0.0/16', IsDefault: false });
});

test('DNS hostnames can be turned on and read back', async () => {
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }));
  await local.ec2.send(new ModifyVpcAttributeCommand({ VpcId: Vpc!.VpcId, EnableDnsHostnames: { Value: true } }));
  const answer = await local.ec2.send(new DescribeVpcAttributeCommand({ VpcId: Vpc!.VpcId, Attribute: 'enableDnsHostnames' }));
  expect(answer.EnableDnsHostnames?.Value).toBe(true);
});

test('an unknown VPC id is InvalidVpcID.NotFound in EC2 error form', async () => {
  const error = await local.ec2.send(new DeleteVpcCommand({ VpcId: 'vpc-0123456789abcdef0' })).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'InvalidVpcID.NotFound', $metadata: { httpStatusCode: 400 } });
  expect((error as Error).message).toContain("'vpc-0123456789abcdef0' does not exist");
  expect((error as { $metadata: { requestId?: string } }).$metadata.requestId).toBeTruthy();
});

test('filters by tag and pages through results', async () => {
  for (let i = 0; i < 6; i++) await local.ec2.send(new CreateVpcCommand({ CidrBlock: `10.${20 + i}.0.0/16`, TagSpecifications: tagged('paged') }));
  const filter = { Filters: [{ Name: 'tag:vpce-lab:run-id', Values: ['paged'] }] };
  const first = await local.ec2.send(new DescribeVpcsCommand({ ...filter, MaxResults: 5 }));
  expect(first.Vpcs).toHaveLength(5);
  const second = await local.ec2.send(new DescribeVpcsCommand({ ...filter, MaxResults: 5, NextToken: first.NextToken }));
  expect(second.Vpcs).toHaveLength(1);
  expect(second.NextToken).toBeUndefined();
});

test('STS names the local account', async () => {
  const identity = await local.sts.send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe('000000000000');
});
