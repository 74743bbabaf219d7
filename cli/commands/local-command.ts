import { Command, InvalidArgumentError } from 'commander';
import ms from 'ms';
import { isKind } from '../../functions/commons/is-kind';
import { DEFAULT_REGION } from '../../functions/lab/lab-run';
import { DataDirLocked } from '../../local/cloud/data-dir-lock';
import type { LocalLab } from '../../local/lab-runtime';
import { startLocalLab } from '../connection/local-lab-loader';
import { DEFAULT_PORT, DEFAULT_TIME_SCALE } from '../../local/local-cloud-defaults';
import type { CliIo } from '../cli-io';
import { localAcceptGrace } from '../connection/connect';
import { DEFAULT_DATA_DIR } from '../connection/connection-options';
import { parsePort, parseTimeScale } from '../option-parsers';
import { parseRegion } from '../run-request';
import { EXIT, UsageError } from '../usage-error';
import { localStatusCommand } from './local-status-command';
import { localStopCommand } from './local-stop-command';

export interface LocalOptions {
  port: number;
  timeScale: number;
  dataDir: string;
  persist: boolean;
  region: string;
  cleanupEvery: number;
  iam: boolean;
  defaultVpc: boolean;
  /** Idle minutes before the server stops by itself; undefined: never. */
  stopAfter: number | undefined;
  logFile?: string;
}

function parseMinutes(value: string): number {
  const minutes = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || minutes <= 0) throw new InvalidArgumentError(`expected a number of minutes > 0, got '${value}'.`);
  return minutes;
}

/** `--stop-after`: `never`, or a duration such as 30m or 2h, in minutes. */
function parseStopAfter(value: string): number | undefined {
  if (value === 'never') return undefined;
  const millis = /^\d+(\.\d+)?\s*[a-z]+$/i.test(value.trim()) ? ms(value.trim() as ms.StringValue) : Number.NaN;
  if (!(millis > 0)) throw new InvalidArgumentError(`expected a duration such as 30m or 2h, or never, got '${value}'.`);
  return millis / 60_000;
}

/** How often a server checks whether it has been idle long enough: often enough to stop within a tenth of the idle time. */
const idleCheckMs = (stopAfterMinutes: number): number => Math.min(10_000, Math.max(100, (stopAfterMinutes * 60_000) / 10));

/** `vpce-lab local`: serve the local cloud, with the lab's workflows, until interrupted (or idle for `--stop-after`). */
export function localCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command('local')
    .description('serve the local cloud (EC2, ELBv2, SSM, STS, Step Functions with the lab workflows, Service Quotas) on 127.0.0.1; `local status` and `local stop` manage the one serving a data directory')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', parsePort, DEFAULT_PORT)
    .option('--time-scale <factor>', "multiplier of AWS's durations (1 = AWS's pace, 0 = instant)", parseTimeScale, DEFAULT_TIME_SCALE)
    .option('--data-dir <dir>', 'where the cloud keeps its state across restarts', DEFAULT_DATA_DIR)
    .option('--no-persist', 'keep the state in memory only')
    .option('--region <region>', 'region of the lab workflows', parseRegion, DEFAULT_REGION)
    .option('--cleanup-every <minutes>', 'start the cleanup workflow this often, as the deployed schedule does', parseMinutes, 15)
    .option('--stop-after <duration>', 'stop once idle this long (no API request and no running execution), e.g. 30m; never = serve until stopped', parseStopAfter, undefined)
    .option('--log-file <file>', 'where this server writes (announced to `local status`; the output is not redirected by it)')
    .option('--no-iam', "let every call through: do not hold the lab's functions to the roles the stack deploys")
    .option('--no-default-vpc', 'start as an account that deleted its default VPC: regions the state has not served yet get none')
    .action(async (options: LocalOptions) => exit(await serve(io, options)));
  command.addCommand(localStatusCommand(io, exit));
  command.addCommand(localStopCommand(io, exit));
  return command;
}

async function serve(io: CliIo, options: LocalOptions): Promise<number> {
  let lab: LocalLab;
  try {
    lab = await startLocalLab({
      port: options.port,
      timeScale: options.timeScale,
      dataDir: options.persist ? options.dataDir : undefined,
      region: options.region,
      cleanupEveryMinutes: options.cleanupEvery,
      iam: options.iam,
      defaultVpc: options.defaultVpc,
      acceptGraceSeconds: localAcceptGrace(options.timeScale),
    });
  } catch (error) {
    if (isKind(error, DataDirLocked)) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`port ${options.port} on 127.0.0.1 is in use by another program; give another with --port (0 = any free port), or see vpce-lab local status for a local cloud already serving.`);
    }
    throw error;
  }
  const lock = lab.cloud.lock;
  if (lock?.tookOverFrom) io.out.write(`Took over ${options.dataDir} from vpce-lab local pid ${lock.tookOverFrom.pid}, which ended without releasing it.\n`);
  lock?.announce({
    timeScale: options.timeScale,
    region: options.region,
    iam: options.iam,
    defaultVpc: options.defaultVpc,
    ...(options.stopAfter === undefined ? {} : { stopAfterMinutes: options.stopAfter }),
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
  });
  io.out.write(banner(lab.cloud.endpoint, options));
  const reason = await untilStopped(lab, options.stopAfter);
  await lab.close();
  io.out.write(`local cloud stopped (${reason}); ${options.persist ? `state saved in ${options.dataDir}` : 'its in-memory state is gone'}\n`);
  return EXIT.ok;
}

function banner(endpoint: string, options: LocalOptions): string {
  return [
    `vpce-lab local cloud listening on ${endpoint} (pid ${process.pid})`,
    `  state: ${options.persist ? options.dataDir : 'in memory only'}   time scale: ${options.timeScale}   cleanup every ${options.cleanupEvery} min   IAM: ${options.iam ? "enforced on the lab's functions" : 'off'}   default VPC: ${options.defaultVpc ? 'yes' : 'none'}`,
    `  stops ${options.stopAfter === undefined ? 'on Ctrl+C or vpce-lab local stop' : `after ${ms(options.stopAfter * 60_000, { long: true })} idle (no request, no running execution), or on vpce-lab local stop`}`,
    '',
    ...(options.persist
      ? ['Run a lab against it from another terminal (it is found through the data directory):', `  npx vpce-lab start${options.dataDir === DEFAULT_DATA_DIR ? '' : ` --data-dir ${options.dataDir}`}`]
      : ['Run a lab against it from another terminal:', `  npx vpce-lab start --endpoint ${endpoint}`]),
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

/** Resolves, with why, on SIGINT or SIGTERM, or once the cloud has been idle for `stopAfterMinutes`. */
const untilStopped = (lab: LocalLab, stopAfterMinutes: number | undefined): Promise<string> =>
  new Promise((resolve) => {
    const stop = (reason: string) => {
      clearInterval(idleCheck);
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      resolve(reason);
    };
    const onInterrupt = () => stop('interrupted');
    const onTerminate = () => stop('asked to stop');
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onTerminate);
    const idleCheck =
      stopAfterMinutes === undefined
        ? undefined
        : setInterval(() => {
            if (lab.runningExecutions().length > 0) return;
            if (Date.now() - lab.cloud.lastRequestAt >= stopAfterMinutes * 60_000) stop(`idle for ${ms(stopAfterMinutes * 60_000, { long: true })}`);
          }, idleCheckMs(stopAfterMinutes));
  });
