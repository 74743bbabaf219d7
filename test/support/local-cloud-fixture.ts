import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { LocalCloud, type LocalCloudOptions } from '../../local/local-cloud';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const REGION = 'ap-northeast-2';

/** A local cloud on a free port with real SDK clients pointed at it. */
export async function startLocalCloud(options: LocalCloudOptions = {}) {
  const cloud = await LocalCloud.start({ port: 0, timeScale: 0, ...options });
  const config = { region: REGION, endpoint: cloud.endpoint, credentials, maxAttempts: 1 };
  return {
    cloud,
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    ssm: new SSMClient(config),
    sts: new STSClient(config),
  };
}

export type LocalCloudFixture = Awaited<ReturnType<typeof startLocalCloud>>;
