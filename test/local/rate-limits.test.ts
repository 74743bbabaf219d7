import { CreateVpcCommand, DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateTargetGroupCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { AWS_RATE_LIMITS } from '../../contract/aws-rate-limits';
import type { RateLimitTable } from '../../contract/rate-limit-table';
import { type LocalCloudFixture, withOwnLocalCloud } from '../support/local-cloud-fixture';

/** A time scale at which AWS's refill rates return next to nothing during a test: a bucket emptied stays empty. */
const FROZEN = { timeScale: 1000, rateLimits: AWS_RATE_LIMITS };

const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) => `${error.name} ${error.$metadata?.httpStatusCode}`,
  );

async function repeat(times: number, call: () => Promise<unknown>): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < times; i++) outcomes.push(await outcome(call()));
  return outcomes;
}

const count = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((counts, answer) => ({ ...counts, [answer]: (counts[answer] ?? 0) + 1 }), {});

test('an EC2 mutating action holds 50 requests, then answers RequestLimitExceeded (503); other actions keep their own buckets', async () => {
  await withOwnLocalCloud(async ({ ec2 }: LocalCloudFixture) => {
    expect(count(await repeat(52, () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))))).toEqual({ ok: 50, 'RequestLimitExceeded 503': 2 });
    await expect(outcome(ec2.send(new DescribeVpcsCommand({})))).resolves.toBe('ok');
  }, FROZEN);
});

test('EC2 Describe calls hold 100 requests per action, but only 50 for DescribeInstances without a filter or pagination', async () => {
  await withOwnLocalCloud(async ({ ec2 }: LocalCloudFixture) => {
    expect(count(await repeat(101, () => ec2.send(new DescribeSubnetsCommand({}))))).toEqual({ ok: 100, 'RequestLimitExceeded 503': 1 });
    expect(count(await repeat(51, () => ec2.send(new DescribeInstancesCommand({}))))).toEqual({ ok: 50, 'RequestLimitExceeded 503': 1 });
    await expect(outcome(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] })))).resolves.toBe('ok');
  }, FROZEN);
});

test('ELBv2 answers Throttling once its account-level bucket of 40 is spent, whatever the action', async () => {
  await withOwnLocalCloud(async ({ elbv2 }: LocalCloudFixture) => {
    expect(count(await repeat(41, () => elbv2.send(new DescribeLoadBalancersCommand({}))))).toEqual({ ok: 40, 'Throttling 400': 1 });
    await expect(outcome(elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'TCP', Port: 80, VpcId: 'vpc-0123456789abcdef0' })))).resolves.toBe('Throttling 400');
  }, FROZEN);
});

test('SSM throttles Parameter Store reads at 40 a second with ThrottlingException', async () => {
  await withOwnLocalCloud(async ({ ssm }: LocalCloudFixture) => {
    const name = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
    expect(count(await repeat(41, () => ssm.send(new GetParameterCommand({ Name: name }))))).toEqual({ ok: 40, 'ThrottlingException 400': 1 });
  }, FROZEN);
});

const ONE_A_SECOND: RateLimitTable = { ec2: { bucketsOf: () => [{ bucket: 'one', size: { capacity: 1, refillPerSecond: 1 }, tokens: 1 }], message: 'Request limit exceeded.' } };

test('a bucket refills at its rate per second of AWS time, which the time scale shrinks', async () => {
  await withOwnLocalCloud(
    async ({ ec2 }: LocalCloudFixture) => {
      await expect(outcome(ec2.send(new DescribeVpcsCommand({})))).resolves.toBe('ok');
      await expect(outcome(ec2.send(new DescribeVpcsCommand({})))).resolves.toBe('RequestLimitExceeded 503');
      // One AWS second is 100 ms at this scale.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await expect(outcome(ec2.send(new DescribeVpcsCommand({})))).resolves.toBe('ok');
    },
    { timeScale: 0.1, rateLimits: ONE_A_SECOND },
  );
});

test('at time scale 0 the buckets never run dry, and without rate limits nothing is throttled', async () => {
  await withOwnLocalCloud(async ({ ec2 }: LocalCloudFixture) => {
    expect(count(await repeat(5, () => ec2.send(new DescribeVpcsCommand({}))))).toEqual({ ok: 5 });
  }, { timeScale: 0, rateLimits: ONE_A_SECOND });
  await withOwnLocalCloud(async ({ ec2 }: LocalCloudFixture) => {
    expect(count(await repeat(60, () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))))).toEqual({ ok: 60 });
  }, { timeScale: 1000 });
});
