import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_PORT, DEFAULT_TIME_SCALE, LocalCloud } from '../../local/local-cloud';
import { parsePort, parseTimeScale } from '../option-parsers';

export const DEFAULT_DATA_DIR = join(homedir(), '.vpce-lab', 'local-cloud');

interface LocalOptions {
  port: number;
  timeScale: number;
  dataDir: string;
  persist: boolean;
}

/** `vpce-lab local`: serve the local cloud until interrupted. */
export function localCommand(): Command {
  return new Command('local')
    .description('serve the local cloud (EC2, ELBv2, SSM, STS, Step Functions, Service Quotas) on 127.0.0.1')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', parsePort, DEFAULT_PORT)
    .option('--time-scale <factor>', "multiplier of AWS's durations (1 = AWS's pace, 0 = instant)", parseTimeScale, DEFAULT_TIME_SCALE)
    .option('--data-dir <dir>', 'where the cloud keeps its state across restarts', DEFAULT_DATA_DIR)
    .option('--no-persist', 'keep the state in memory only')
    .action(async (options: LocalOptions) => {
      const cloud = await LocalCloud.start({
        port: options.port,
        timeScale: options.timeScale,
        dataDir: options.persist ? options.dataDir : undefined,
      });
      process.stdout.write(banner(cloud.endpoint, options));
      await untilInterrupted();
      await cloud.close();
      process.stdout.write('local cloud stopped; state saved\n');
    });
}

function banner(endpoint: string, options: LocalOptions): string {
  return [
    `vpce-lab local cloud listening on ${endpoint}`,
    `  state: ${options.persist ? options.dataDir : 'in memory only'}   time scale: ${options.timeScale}`,
    '',
    'Talk to it with any AWS SDK or the AWS CLI (any credentials are accepted):',
    '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=ap-northeast-2',
    `  aws --endpoint-url ${endpoint} ec2 create-vpc --cidr-block 10.0.0.0/16`,
    `  aws --endpoint-url ${endpoint} ec2 describe-vpcs`,
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
