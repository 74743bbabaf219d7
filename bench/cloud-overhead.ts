import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { performance } from 'node:perf_hooks';
import { VPC_QUOTAS } from '../functions/lab/build/quota-headroom';
import { LocalCloud } from '../local/local-cloud';

/** How fast the local cloud itself answers: what it adds to every call a step makes. */
export interface CloudOverhead {
  readonly describeP50Ms: number;
  readonly describeP99Ms: number;
  readonly describeCallsPerSecond: number;
  /** The account the calls were made against. */
  readonly seeded: string;
}

const SEED_VPCS = 20;
const LATENCY_SAMPLES = 400;
const CONCURRENCY = 16;
const THROUGHPUT_MS = 3000;

const DESCRIBES = [
  () => new DescribeVpcsCommand({}),
  () => new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:vpce-lab:run-id', Values: ['lab-20261126-0112-ab12'] }] }),
  () => new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }),
  () => new DescribeVpcEndpointsCommand({}),
];

/** A few labs' worth of resources, so the Describe calls have something to list and filter; the account's VPC quota is raised for them first, as a user would. */
async function seed(ec2: EC2Client, quotas: ServiceQuotasClient): Promise<void> {
  // The region's default VPC counts too.
  await quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'vpc', QuotaCode: VPC_QUOTAS.vpcsPerRegion.code, DesiredValue: SEED_VPCS + 1 }));
  for (let vpc = 0; vpc < SEED_VPCS; vpc++) {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${vpc}.0.0/16` }));
    for (const block of [0, 1]) {
      const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: `10.${vpc}.${block}.0/24` }));
      await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: Subnet!.SubnetId! }));
    }
  }
}

const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;

/**
 * The local cloud's own request latency and throughput for Describe calls,
 * through the real SDK client in this process (so the client's own work is
 * in the figures): one call at a time for the latency, 16 at a time for the
 * throughput, against a cloud holding 20 VPCs, 40 subnets and 40 instances.
 */
export async function measureCloudOverhead(): Promise<CloudOverhead> {
  const cloud = await LocalCloud.start({ port: 0, timeScale: 0 });
  const config = { region: 'ap-northeast-2', endpoint: cloud.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 };
  const ec2 = new EC2Client(config);
  const quotas = new ServiceQuotasClient(config);
  try {
    await seed(ec2, quotas);
    const latencies: number[] = [];
    for (let call = 0; call < LATENCY_SAMPLES; call++) {
      const started = performance.now();
      await ec2.send(DESCRIBES[call % DESCRIBES.length]!());
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    let answered = 0;
    const until = performance.now() + THROUGHPUT_MS;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        for (let call = worker; performance.now() < until; call++) {
          await ec2.send(DESCRIBES[call % DESCRIBES.length]!());
          answered++;
        }
      }),
    );
    return {
      describeP50Ms: percentile(latencies, 0.5),
      describeP99Ms: percentile(latencies, 0.99),
      describeCallsPerSecond: answered / (THROUGHPUT_MS / 1000),
      seeded: `${SEED_VPCS} VPCs, ${2 * SEED_VPCS} subnets, ${2 * SEED_VPCS} instances`,
    };
  } finally {
    ec2.destroy();
    quotas.destroy();
    await cloud.close();
  }
}
