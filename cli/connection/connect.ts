import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { startLocalLab } from '../../local/lab-runtime';
import { endpointPace } from './endpoint-pace';
import type { LabConnection } from './lab-connection';
import { runningServer } from './local-server-file';

export interface ConnectionOptions {
  /** `--local` given: the embedded local cloud, whatever AWS_ENDPOINT_URL says. */
  readonly local?: boolean;
  readonly endpoint?: string;
  readonly aws?: boolean;
  readonly region: string;
  readonly dataDir: string;
  readonly persist: boolean;
  readonly timeScale: number;
  /** The embedded local cloud holds the lab's functions to their roles (`--no-iam` turns it off). */
  readonly iam: boolean;
  /** A region the embedded local cloud first serves gets its default VPC (`--no-default-vpc` turns it off). */
  readonly defaultVpc: boolean;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'vpce-lab', secretAccessKey: 'vpce-lab' };

const remote = (endpoint: string | undefined, region: string, description: string, pollMs: number, timeScale: number | undefined): LabConnection => {
  const config = endpoint ? { region, endpoint, credentials: LOCAL_CREDENTIALS } : { region };
  const sfn = new SFNClient(config);
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const close = async () => {
    sfn.destroy();
    ec2.destroy();
    elbv2.destroy();
  };
  return { sfn, ec2, elbv2, region, description, pollMs, timeScale, close };
};

/**
 * Where this command works: `--endpoint URL` (or `AWS_ENDPOINT_URL`) for any
 * AWS-compatible endpoint, `--aws` for the account of the default credential
 * chain, else the embedded local cloud (the default, and what `--local` asks
 * for even when AWS_ENDPOINT_URL is set): the `vpce-lab local` server already
 * serving the data directory, or one started in this process.
 */
export async function connect(options: ConnectionOptions): Promise<LabConnection> {
  const endpoint = options.endpoint ?? (options.aws || options.local ? undefined : process.env.AWS_ENDPOINT_URL);
  if (endpoint) return remote(endpoint, options.region, `the endpoint ${endpoint}`, 500, await endpointPace(endpoint));
  if (options.aws) return remote(undefined, options.region, `AWS (${options.region})`, 5000, 1);
  const served = options.persist ? await runningServer(options.dataDir) : undefined;
  if (served) return remote(served, options.region, `the local cloud at ${served}`, 250, await endpointPace(served));
  const lab = await startLocalLab({
    port: 0,
    region: options.region,
    timeScale: options.timeScale,
    iam: options.iam,
    defaultVpc: options.defaultVpc,
    dataDir: options.persist ? options.dataDir : undefined,
    acceptGraceSeconds: localAcceptGrace(options.timeScale),
    // The functions run in this process: their CloudWatch-bound logs would bury the progress view.
    environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' },
  });
  const local = remote(lab.cloud.endpoint, options.region, `the local cloud (in this process, ${options.persist ? options.dataDir : 'in memory'})`, 100, options.timeScale);
  return {
    ...local,
    close: async () => {
      await local.close();
      await lab.close();
    },
  };
}

/** The workflow's own acceptance waits a grace period of AWS time (60 s) for the SNS-driven handler; locally that time is scaled. */
export const localAcceptGrace = (timeScale: number): number => Math.max(1, Math.ceil(60 * timeScale));
