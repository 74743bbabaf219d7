import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { scaledStandardRetries } from './scaled-backoff';

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
  /** The pace of the endpoint's clock against AWS's (`VPCE_LAB_TIME_SCALE`); the SDK's back-off keeps it. AWS's own pace when omitted. */
  readonly timeScale?: number;
  /**
   * The access key the SDK finds in the environment (`AWS_ACCESS_KEY_ID`):
   * clients are kept per identity, so functions sharing one process (the
   * local cloud's Lambda) never sign with another's credentials.
   */
  readonly accessKeyId?: string;
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
  return { region, endpoint: env.AWS_ENDPOINT_URL || undefined, timeScale: timeScaleOf(env.VPCE_LAB_TIME_SCALE), accessKeyId: env.AWS_ACCESS_KEY_ID || undefined };
}

function timeScaleOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 0) throw new Error(`VPCE_LAB_TIME_SCALE must be a number >= 0, got '${value}'`);
  return scale;
}

const MAX_ATTEMPTS = 6;

const cache = new Map<string, AwsClients>();
const observers = new Set<(clients: AwsClients) => void>();

/**
 * Shows `observer` every set of clients the lab's code uses, whatever their
 * cache key: each set built so far at once, and each set built later as it
 * is built, until the returned function is called. A harness that watches
 * the calls (the reliability tracer) hooks in here rather than rebuilding a
 * key, which silently missed every client once the key gained a field.
 */
export function observeAwsClients(observer: (clients: AwsClients) => void): () => void {
  observers.add(observer);
  for (const clients of cache.values()) observer(clients);
  return () => observers.delete(observer);
}

export function awsClients(settings: ClientSettings = clientSettingsFromEnv()): AwsClients {
  const key = `${settings.region} ${settings.endpoint ?? ''} ${settings.timeScale ?? ''} ${settings.accessKeyId ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // Not adaptive mode: its client-side rate limit, shared by every call of a client whatever the resource, held a
  // full run under 30% throttling to about 100 s against 50 s here; AWS recommends standard mode unless a client
  // serves a single resource (SDKs and Tools Reference Guide, "Retry behavior").
  // Each client its own retry strategy, as each keeps its own retry capacity.
  const config = () => ({
    region: settings.region,
    endpoint: settings.endpoint,
    ...(settings.timeScale === undefined ? { retryMode: 'standard', maxAttempts: MAX_ATTEMPTS } : { retryStrategy: scaledStandardRetries(MAX_ATTEMPTS, settings.timeScale) }),
  });
  const clients: AwsClients = {
    ec2: new EC2Client(config()),
    elbv2: new ElasticLoadBalancingV2Client(config()),
    ssm: new SSMClient(config()),
    quotas: new ServiceQuotasClient(config()),
    sfn: new SFNClient(config()),
    sts: new STSClient(config()),
  };
  cache.set(key, clients);
  for (const observe of observers) observe(clients);
  return clients;
}
