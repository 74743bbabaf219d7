import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/** Every AWS client a lab step may use, built in one place. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ssm: SSMClient;
  readonly quotas: ServiceQuotasClient;
  readonly sfn: SFNClient;
  readonly sts: STSClient;
}

export interface ClientSettings {
  readonly region: string;
  /** Any AWS-compatible endpoint (the local cloud); AWS's own when omitted. */
  readonly endpoint?: string;
}

/**
 * Region and endpoint come from the environment as Lambda and the SDK define
 * it (`AWS_REGION`, `AWS_ENDPOINT_URL`). The SDK's retries (standard mode,
 * with back-off) absorb throttling inside a call, and the workflow's Retry
 * what outlasts them; "not ready yet" is left to the workflow's Retry.
 */
export function clientSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('AWS_REGION is not set: a lab step must know the region it works in');
  return { region, endpoint: env.AWS_ENDPOINT_URL || undefined };
}

const cache = new Map<string, AwsClients>();

export function awsClients(settings: ClientSettings = clientSettingsFromEnv()): AwsClients {
  const key = `${settings.region} ${settings.endpoint ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Not adaptive mode: its client-side rate limit, shared by every call of a client whatever the resource, held a
  // full run under 30% throttling to about 100 s against 50 s here; AWS recommends standard mode unless a client
  // serves a single resource (SDKs and Tools Reference Guide, "Retry behavior").
  const config = { region: settings.region, endpoint: settings.endpoint, retryMode: 'standard', maxAttempts: 6 };
  const clients: AwsClients = {
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    ssm: new SSMClient(config),
    quotas: new ServiceQuotasClient(config),
    sfn: new SFNClient(config),
    sts: new STSClient(config),
  };
  cache.set(key, clients);
  return clients;
}
