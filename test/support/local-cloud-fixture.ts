import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetServiceQuotaCommand, RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient } from '@aws-sdk/client-sts';
import { LocalCloud, type LocalCloudOptions } from '../../local/local-cloud';
import { fixtureForTests } from './fixture-for-tests';

export const REGION = 'ap-northeast-2';

/** SDK client settings for an endpoint under test: test credentials, and no retries, so a refusal is the answer seen. */
export const clientConfig = (endpoint: string, region = REGION) => ({ region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

/** Real SDK clients of the services the lab uses, pointed at `endpoint`. */
export function sdkClients(endpoint: string, region = REGION) {
  const config = clientConfig(endpoint, region);
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config), ssm: new SSMClient(config), sts: new STSClient(config), quotas: new ServiceQuotasClient(config) };
}

/** VPCs (and internet gateways) per Region for a cloud many tests share: each makes its own, so the account has an increase of the default 5. */
export const SHARED_CLOUD_VPC_QUOTA = 200;

/**
 * A local cloud on a free port with real SDK clients pointed at it, as an
 * account whose VPC quota was raised to SHARED_CLOUD_VPC_QUOTA (through
 * Service Quotas, as an account would); `defaultQuotas` keeps AWS's defaults.
 */
export async function startLocalCloud(options: LocalCloudOptions & { readonly defaultQuotas?: boolean } = {}) {
  const { defaultQuotas, ...cloudOptions } = options;
  const cloud = await LocalCloud.start({ port: 0, timeScale: 0, ...cloudOptions });
  if (!defaultQuotas) await raiseVpcQuota(cloud.endpoint);
  return { cloud, ...sdkClients(cloud.endpoint) };
}

/**
 * Asks Service Quotas of the cloud at `endpoint` for SHARED_CLOUD_VPC_QUOTA
 * VPCs and internet gateways per Region (approved at once locally), unless a
 * kept state has them already.
 */
export async function raiseVpcQuota(endpoint: string): Promise<void> {
  const quotas = new ServiceQuotasClient(clientConfig(endpoint));
  try {
    for (const QuotaCode of ['L-F678F1CE', 'L-A4707A72']) {
      const quota = { ServiceCode: 'vpc', QuotaCode };
      const { Quota } = await quotas.send(new GetServiceQuotaCommand(quota));
      if ((Quota?.Value ?? 0) < SHARED_CLOUD_VPC_QUOTA) await quotas.send(new RequestServiceQuotaIncreaseCommand({ ...quota, DesiredValue: SHARED_CLOUD_VPC_QUOTA }));
    }
  } finally {
    quotas.destroy();
  }
}

export type LocalCloudFixture = Awaited<ReturnType<typeof startLocalCloud>>;

/** One local cloud for the tests of a file (or `describe` block), started before them and closed after them. */
export const localCloudForTests = (options: Parameters<typeof startLocalCloud>[0] = {}): LocalCloudFixture =>
  fixtureForTests(() => startLocalCloud(options), (fixture) => fixture.cloud.close());

/** A local cloud for one test alone (one that must start empty, or changes the cloud), closed however the test ends. */
export async function withOwnLocalCloud(body: (fixture: LocalCloudFixture) => Promise<void>, options: Parameters<typeof startLocalCloud>[0] = {}): Promise<void> {
  const fixture = await startLocalCloud(options);
  try {
    await body(fixture);
  } finally {
    await fixture.cloud.close();
  }
}
