import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_REGION } from '../../functions/lab/lab-run';
import { startLocalLab } from '../../local/lab-runtime';
import { DEFAULT_PORT, DEFAULT_TIME_SCALE } from '../../local/local-cloud';
import type { CliIo } from '../cli-io';
import { DEFAULT_DATA_DIR } from '../connection/connection-options';
import { announceServer } from '../connection/local-server-file';
import { parsePort, parseTimeScale } from '../option-parsers';
import { parseRegion } from '../run-request';
import { EXIT } from '../usage-error';

interface LocalOptions {
  port: number;
  timeScale: number;
  dataDir: string;
  persist: boolean;
  region: string;
  cleanupEvery: number;
  iam: boolean;
  defaultVpc: boolean;
}

function parseMinutes(value: string): number {
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || minutes <= 0) throw new InvalidArgumentError(`expected a number of minutes > 0, got '${value}'.`);
  return minutes;
}

/** `vpce-lab local`: serve the local cloud, with the lab's workflows, until interrupted. */
export function localCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('local')
    .description('serve the local cloud (EC2, ELBv2, SSM, STS, Step Functions with the lab workflows, Service Quotas) on 127.0.0.1')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', parsePort, DEFAULT_PORT)
    .option('--time-scale <factor>', "multiplier of AWS's durations (1 = AWS's pace, 0 = instant)", parseTimeScale, DEFAULT_TIME_SCALE)
    .option('--data-dir <dir>', 'where the cloud keeps its state across restarts', DEFAULT_DATA_DIR)
    .option('--no-persist', 'keep the state in memory only')
    .option('--region <region>', 'region of the lab workflows', parseRegion, DEFAULT_REGION)
    .option('--cleanup-every <minutes>', 'start the cleanup workflow this often, as the deployed schedule does', parseMinutes, 15)
    .option('--no-iam', "let every call through: do not hold the lab's functions to the roles the stack deploys")
    .option('--no-default-vpc', 'start as an account that deleted its default VPC: regions the state has not served yet get none')
    .action(async (options: LocalOptions) => {
      const lab = await startLocalLab({
        port: options.port,
        timeScale: options.timeScale,
        dataDir: options.persist ? options.dataDir : undefined,
        region: options.region,
        cleanupEveryMinutes: options.cleanupEvery,
        iam: options.iam,
        defaultVpc: options.defaultVpc,
      });
      const withdraw = options.persist ? announceServer(options.dataDir, lab.cloud.endpoint) : () => undefined;
      io.out.write(banner(lab.cloud.endpoint, options));
      await untilInterrupted();
      withdraw();
      await lab.close();
      io.out.write('local cloud stopped; state saved\n');
      exit(EXIT.ok);
    });
}

function banner(endpoint: string, options: LocalOptions): string {
  return [
    `vpce-lab local cloud listening on ${endpoint}`,
    `  state: ${options.persist ? options.dataDir : 'in memory only'}   time scale: ${options.timeScale}   cleanup every ${options.cleanupEvery} min   IAM: ${options.iam ? "enforced on the lab's functions" : 'off'}   default VPC: ${options.defaultVpc ? 'yes' : 'none'}`,
    '',
    'Run a lab against it from another terminal (it is found through the data directory):',
    '  npx vpce-lab start',
    '',
    'Or talk to it with any AWS SDK or the AWS CLI (any credentials are accepted):',
    `  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${options.region}`,
    `  aws --endpoint-url ${endpoint} ec2 create-vpc --cidr-block 10.0.0.0/16`,
    `  aws --endpoint-url ${endpoint} stepfunctions list-state-machines`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

const untilInterrupted = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
