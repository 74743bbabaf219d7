import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_REGION } from '../../functions/lab/lab-run';
import { DEFAULT_TIME_SCALE } from '../../local/local-cloud';
import { parseTimeScale } from '../option-parsers';
import { parseRegion } from '../run-request';
import type { ConnectionOptions } from './connect';

export const DEFAULT_DATA_DIR = join(homedir(), '.vpce-lab', 'local-cloud');

export interface CommonOptions extends ConnectionOptions {
  readonly json: boolean;
  readonly local?: boolean;
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

/** The options every command that talks to the orchestrator takes: where, which region, and --json. */
export function withConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('--local', 'use the embedded local cloud (the default)').conflicts(['endpoint', 'aws']))
    .addOption(new Option('--endpoint <url>', 'use any AWS-compatible endpoint (also AWS_ENDPOINT_URL)').argParser(parseEndpoint).conflicts('aws'))
    .addOption(new Option('--aws', 'use AWS through the default credential chain (the stack must be deployed)'))
    .addOption(new Option('--region <region>', 'AWS region of the lab').argParser(parseRegion).default(DEFAULT_REGION))
    .addOption(new Option('--data-dir <dir>', 'local cloud: where its state is kept').default(DEFAULT_DATA_DIR))
    .addOption(new Option('--no-persist', 'local cloud: keep the state in memory only'))
    .addOption(new Option('--time-scale <factor>', "local cloud: multiplier of AWS's durations").argParser(parseTimeScale).default(DEFAULT_TIME_SCALE))
    .option('--json', 'print one JSON document (for scripts) instead of the human view', false);
}
