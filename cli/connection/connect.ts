import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startLocalLab } from './local-lab-loader';
import { UsageError } from '../usage-error';
import { startBackgroundServer } from './background-server';
import { endpointPace } from './endpoint-pace';
import type { LabConnection } from './lab-connection';
import { type RunningServer, runningServer, type ServerSettings, settingsOf } from './local-server-file';

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
  /** The options given on the command line rather than by default: those a running server may not contradict. */
  readonly explicit?: readonly string[];
}

const LOCAL_CREDENTIALS = { accessKeyId: 'vpce-lab', secretAccessKey: 'vpce-lab' };

/** A connection to `endpoint` (AWS itself when undefined) at the pace `timeScale`, whose runs go on whatever this command does. */
export const remote = (endpoint: string | undefined, region: string, description: string, pollMs: number, timeScale: number | undefined): LabConnection => {
  const config = endpoint ? { region, endpoint, credentials: LOCAL_CREDENTIALS } : { region };
  const sfn = new SFNClient(config);
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const quotas = new ServiceQuotasClient(config);
  const ssm = new SSMClient(config);
  const close = async () => {
    for (const client of [sfn, ec2, elbv2, quotas, ssm]) client.destroy();
  };
  return { sfn, ec2, elbv2, quotas, ssm, region, description, pollMs, timeScale, runsOutlive: true, close };
};

/** The settings a command may give that a running server has its own value of, with the option that gives each. */
const SERVER_SETTINGS: readonly { key: keyof ServerSettings & keyof ConnectionOptions; option: string }[] = [
  { key: 'timeScale', option: '--time-scale' },
  { key: 'region', option: '--region' },
  { key: 'iam', option: '--no-iam' },
  { key: 'defaultVpc', option: '--no-default-vpc' },
];

/** A setting given to a command contradicts the server serving the directory: refused rather than silently ignored. */
export class ServerSettingMismatch extends UsageError {
  constructor(option: string, given: unknown, served: unknown, server: RunningServer, dataDir: string) {
    super(
      `${option} ${String(given)} was given, but the local cloud serving ${dataDir} (pid ${server.pid}, ${server.endpoint}) runs with ${option.replace('--no-', '--')} ${String(served)}. ` +
        `Leave the option out to use it as it is, or stop it first (vpce-lab local stop --data-dir ${dataDir}) to start one with yours.`,
    );
    this.name = 'ServerSettingMismatch';
  }
}

function refuseMismatch(options: ConnectionOptions, server: RunningServer): void {
  const served = settingsOf(server);
  for (const { key, option } of SERVER_SETTINGS) {
    if (!options.explicit?.includes(key) || served[key] === undefined || served[key] === options[key]) continue;
    throw new ServerSettingMismatch(option, options[key], served[key], server, options.dataDir);
  }
}

/**
 * Where this command works: `--endpoint URL` (or `AWS_ENDPOINT_URL`) for any
 * AWS-compatible endpoint, `--aws` for the account of the default credential
 * chain, else the local cloud (the default, and what `--local` asks for even
 * when AWS_ENDPOINT_URL is set): the server serving the data directory,
 * started in the background when none does, so that runs live in it and not
 * in this command, as they live in Step Functions on AWS. `--no-persist`
 * alone runs a cloud in memory inside this command, gone when it ends.
 */
export async function connect(options: ConnectionOptions): Promise<LabConnection> {
  const endpoint = options.endpoint ?? (options.aws || options.local ? undefined : process.env.AWS_ENDPOINT_URL);
  if (endpoint) return remote(endpoint, options.region, `the endpoint ${endpoint}`, 500, await endpointPace(endpoint));
  if (options.aws) return remote(undefined, options.region, `AWS (${options.region})`, 5000, 1);
  if (!options.persist) return inMemory(options);
  let server = await runningServer(options.dataDir);
  if (server) refuseMismatch(options, server);
  else server = await startBackgroundServer(options);
  // A server serves the lab in its own region: without --region the command goes there.
  const { region = options.region, timeScale } = settingsOf(server);
  return { ...remote(server.endpoint, region, `the local cloud at ${server.endpoint} (pid ${server.pid}, ${options.dataDir})`, 250, timeScale ?? (await endpointPace(server.endpoint))), server };
}

async function inMemory(options: ConnectionOptions): Promise<LabConnection> {
  const lab = await startLocalLab({
    port: 0,
    region: options.region,
    timeScale: options.timeScale,
    iam: options.iam,
    defaultVpc: options.defaultVpc,
    acceptGraceSeconds: localAcceptGrace(options.timeScale),
    // The functions run in this process: their CloudWatch-bound logs would bury the progress view.
    environment: { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT' },
  });
  const local = remote(lab.cloud.endpoint, options.region, 'the local cloud in memory (in this process)', 100, options.timeScale);
  return {
    ...local,
    runsOutlive: false,
    close: async () => {
      await local.close();
      await lab.close();
    },
  };
}

/** The workflow's own acceptance waits a grace period of AWS time (60 s) for the SNS-driven handler; locally that time is scaled. */
export const localAcceptGrace = (timeScale: number): number => Math.max(1, Math.ceil(60 * timeScale));
