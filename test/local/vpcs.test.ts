import { CreateVpcCommand, DeleteVpcCommand, DescribeVpcAttributeCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { localCloudForTests, raiseVpcQuota, sdkClients, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

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

test('VPCs per Region holds at CreateVpc: with the default quota of 5 the default VPC and four more fit, a sixth is VpcLimitExceeded, and an approved increase makes room', async () => {
  await withOwnLocalCloud(
    async ({ cloud, ec2 }) => {
      const create = (n: number) => ec2.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }));
      for (const n of [1, 2, 3, 4]) await create(n);
      expect(await refused(create(5))).toMatchObject({ name: 'VpcLimitExceeded', message: 'The maximum number of VPCs has been reached.', $metadata: { httpStatusCode: 400 } });
      // Another region has its own count.
      await expect(sdkClients(cloud.endpoint, 'us-east-1').ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).resolves.toMatchObject({ Vpc: { CidrBlock: '10.9.0.0/16' } });
      await raiseVpcQuota(cloud.endpoint);
      await expect(create(5)).resolves.toMatchObject({ Vpc: { CidrBlock: '10.5.0.0/16' } });
    },
    { defaultQuotas: true },
  );
});
