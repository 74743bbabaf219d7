import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { LocalCloud, type LocalCloudOptions } from '../../local/local-cloud';
import { fixtureForTests } from './fixture-for-tests';

export const REGION = 'ap-northeast-2';

/** SDK client settings for an endpoint under test: test credentials, and no retries, so a refusal is the answer seen. */
export const clientConfig = (endpoint: string, region = REGION) => ({ region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

/** Real SDK clients of the services the lab uses, pointed at `endpoint`. */
export function sdkClients(endpoint: string, region = REGION) {
  const config = clientConfig(endpoint, region);
  return { ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config), ssm: new SSMClient(config), sts: new STSClient(config) };
}

/** A local cloud on a free port with real SDK clients pointed at it. */
export async function startLocalCloud(options: LocalCloudOptions = {}) {
  const cloud = await LocalCloud.start({ port: 0, timeScale: 0, ...options });
  return { cloud, ...sdkClients(cloud.endpoint) };
}

export type LocalCloudFixture = Awaited<ReturnType<typeof startLocalCloud>>;

/** One local cloud for the tests of a file (or `describe` block), started before them and closed after them. */
export const localCloudForTests = (options: LocalCloudOptions = {}): LocalCloudFixture =>
  fixtureForTests(() => startLocalCloud(options), (fixture) => fixture.cloud.close());

/** A local cloud for one test alone (one that must start empty, or changes the cloud), closed however the test ends. */
export async function withOwnLocalCloud(body: (fixture: LocalCloudFixture) => Promise<void>, options: LocalCloudOptions = {}): Promise<void> {
  const fixture = await startLocalCloud(options);
  try {
    await body(fixture);
  } finally {
    await fixture.cloud.close();
  }
}
