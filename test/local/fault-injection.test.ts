import { CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetServiceQuotaCommand, ServiceQuotasClient, TooManyRequestsException } from '@aws-sdk/client-service-quotas';
import { isKind } from '../../functions/commons/is-kind';
import { clientConfig, localCloudForTests, withOwnLocalCloud } from '../support/local-cloud-fixture';

const local = localCloudForTests();
afterEach(() => local.cloud.runtime.faults.clear());

test('throttling answers RequestLimitExceeded with HTTP 503, as EC2 does', async () => {
  local.cloud.runtime.faults.throttle(1, 'ec2');
  const error = await local.ec2.send(new DescribeVpcsCommand({})).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
});

test('Service Quotas throttling answers TooManyRequestsException, which the SDK reads as its modelled error', async () => {
  local.cloud.runtime.faults.throttle(1, 'servicequotas');
  const quotas = new ServiceQuotasClient(clientConfig(local.cloud.endpoint));
  const error = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: 'vpc', QuotaCode: 'L-F678F1CE' })).catch((e: unknown) => e);
  // The check the preflight makes (functions/lab/build/quota-headroom.ts) before it hands the error to the workflow.
  expect(isKind(error, TooManyRequestsException)).toBe(true);
  expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 400 } });
});

test('a chosen call fails a chosen number of times, after a chosen number of successes', async () => {
  local.cloud.runtime.faults.add({ service: 'ec2', action: 'CreateVpc', code: 'InternalError', status: 500, after: 1, times: 1 });
  await expect(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).resolves.toBeDefined();
  await expect(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).rejects.toMatchObject({ name: 'InternalError' });
  await expect(local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).resolves.toBeDefined();
});

test('eventual consistency: a new VPC is NotFound by id for a while after its create', async () => {
  await withOwnLocalCloud(
    async (slow) => {
      slow.cloud.runtime.faults.consistencyDelaySeconds = 0.3;
      const { Vpc } = await slow.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
      await expect(slow.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }))).rejects.toMatchObject({ name: 'InvalidVpcID.NotFound' });
      await new Promise((resolve) => setTimeout(resolve, 350));
      await expect(slow.ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }))).resolves.toMatchObject({ Vpcs: [{ VpcId: Vpc?.VpcId }] });
    },
    { timeScale: 1 },
  );
});

test('faults can be set from another process through the control endpoint', async () => {
  const set = await fetch(`${local.cloud.endpoint}/_localcloud/faults`, {
    method: 'POST',
    body: JSON.stringify({ rules: [{ service: 'ec2', action: 'DescribeVpcs', code: 'RequestLimitExceeded', status: 503, times: 1 }] }),
  });
  expect(set.status).toBe(200);
  await expect(local.ec2.send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
  await expect(local.ec2.send(new DescribeVpcsCommand({}))).resolves.toBeDefined();
});

test('a malformed fault setting is refused with the reason', async () => {
  const answer = await fetch(`${local.cloud.endpoint}/_localcloud/faults`, { method: 'POST', body: JSON.stringify({ rules: [{ probability: 3 }] }) });
  expect(answer.status).toBe(400);
  expect(await answer.json()).toMatchObject({ error: 'InvalidFaults' });
});
