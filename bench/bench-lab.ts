import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SFNClient } from '@aws-sdk/client-sfn';
import { resolve } from 'node:path';
import { localAcceptGrace } from '../cli/connection/connect';
import { LAB_FUNCTIONS } from '../functions/handlers/lab-functions';
import type { RateLimitTable } from '../contract/rate-limit-table';
import { type LocalLab, startLocalLab } from '../local/lab-runtime';

const REPOSITORY_ROOT = resolve(__dirname, '..');
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** A local lab for the benchmark, in memory unless given a data directory, and the SDK clients that look at it as anyone would. */
export interface BenchLab {
  readonly lab: LocalLab;
  readonly timeScale: number;
  readonly sfn: SFNClient;
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly quotas: ServiceQuotasClient;
  /** AWS seconds that `ms` milliseconds of this cloud's clock stand for. */
  awsSeconds(ms: number): number;
  close(): Promise<void>;
}

/** The functions' logs would bury the benchmark's output; their logger reads its level when its module loads. */
const FUNCTION_ENVIRONMENT = { POWERTOOLS_LOG_LEVEL: 'SILENT' };

/**
 * Loads every function's module before anything is measured, as warm Lambda
 * execution environments would have it: a cold start is Lambda's, not the
 * latency profile's, and here it would be TypeScript compiling in this process.
 */
function warmFunctions(): void {
  Object.assign(process.env, FUNCTION_ENVIRONMENT);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const fn of LAB_FUNCTIONS) require(resolve(REPOSITORY_ROOT, fn.entry));
}

/** `iam: false` serves every caller with full access, as `vpce-lab local --no-iam` does; with `dataDir` the state is kept there. */
export async function startBenchLab(timeScale: number, rateLimits?: RateLimitTable, iam = true, dataDir?: string): Promise<BenchLab> {
  warmFunctions();
  const lab = await startLocalLab({
    port: 0,
    timeScale,
    dataDir,
    rateLimits,
    iam,
    acceptGraceSeconds: localAcceptGrace(timeScale),
    environment: FUNCTION_ENVIRONMENT,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const config = { region: lab.region, endpoint: lab.cloud.endpoint, credentials: CREDENTIALS };
  const clients = { sfn: new SFNClient(config), ec2: new EC2Client(config), elbv2: new ElasticLoadBalancingV2Client(config), quotas: new ServiceQuotasClient(config) };
  return {
    lab,
    timeScale,
    ...clients,
    awsSeconds: (ms) => ms / 1000 / timeScale,
    close: async () => {
      for (const client of Object.values(clients)) client.destroy();
      await lab.close();
    },
  };
}
