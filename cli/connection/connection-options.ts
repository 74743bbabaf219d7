import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_REGION } from '../../functions/lab/lab-run';
import { DEFAULT_TIME_SCALE } from '../../local/local-cloud-defaults';
import { parseTimeScale } from '../option-parsers';
import { parseRegion } from '../run-request';
import { UsageError } from '../usage-error';
import type { ConnectionOptions } from './connect';

export const DEFAULT_DATA_DIR = join(homedir(), '.vpce-lab', 'local-cloud');

export interface CommonOptions extends ConnectionOptions {
  readonly json: boolean;
}

function parseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected a URL such as http://127.0.0.1:4566, got '${value}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`expected an http or https URL, got '${value}'.`);
  return value.replace(/\/+$/, '');
}

const PLACES = { local: '--local', endpoint: '--endpoint <url>', aws: '--aws' } as const;

/** Where a command works is one choice; two are refused before anything starts, naming the three. */
function requireOnePlace(command: Command): void {
  const given = (Object.keys(PLACES) as (keyof typeof PLACES)[]).filter((name) => command.getOptionValueSource(name) === 'cli');
  if (given.length > 1) {
    throw new UsageError(
      `${given.map((name) => PLACES[name]).join(' and ')} cannot be used together; give one of --local (the embedded local cloud, the default), --endpoint <url> (any AWS-compatible endpoint) or --aws (AWS itself).`,
    );
  }
}

/** Records which options the user gave, so a running local cloud's own settings are contradicted only when they were. */
function recordExplicit(command: Command): void {
  requireOnePlace(command);
  command.setOptionValue(
    'explicit',
    Object.keys(command.opts()).filter((name) => command.getOptionValueSource(name) === 'cli'),
  );
}

/** The options every command that talks to the orchestrator takes: where, which region, and --json. */
export function withConnectionOptions(command: Command): Command {
  return command
    .hook('preAction', recordExplicit)
    .addOption(new Option('--local', 'use the embedded local cloud (the default)'))
    .addOption(new Option('--endpoint <url>', 'use any AWS-compatible endpoint (also AWS_ENDPOINT_URL)').argParser(parseEndpoint))
    .addOption(new Option('--aws', 'use AWS through the default credential chain (the stack must be deployed)'))
    .addOption(new Option('--region <region>', 'AWS region of the lab').argParser(parseRegion).default(DEFAULT_REGION))
    .addOption(new Option('--data-dir <dir>', 'local cloud: where its state is kept').default(DEFAULT_DATA_DIR))
    .addOption(new Option('--no-persist', 'local cloud: keep the state in memory only'))
    .addOption(new Option('--time-scale <factor>', "local cloud: multiplier of AWS's durations").argParser(parseTimeScale).default(DEFAULT_TIME_SCALE))
    .addOption(new Option('--no-iam', "local cloud: let every call through, not holding the lab's functions to the roles the stack deploys"))
    .addOption(new Option('--no-default-vpc', 'local cloud: start as an account that deleted its default VPC (regions it has not served yet get none)'))
    .option('--json', 'print one JSON document (for scripts) instead of the human view', false);
}
