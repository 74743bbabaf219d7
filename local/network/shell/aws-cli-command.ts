import { connect } from '../connections';
import { outcome, type CommandContext, type CommandOutcome, type ShellCommand } from './shell-command';

/** AWS CLI v2 defaults: 60 s connect timeout, standard retry mode with 3 attempts. */
const CONNECT_TIMEOUT_SECONDS = 60;
const ATTEMPTS = 3;
const CALL_SECONDS = 0.3;

interface ApiCall {
  readonly service: 's3' | 'dynamodb';
  /** The bucket for a virtual-hosted S3 call. */
  readonly bucket?: string;
  readonly path: string;
  readonly succeeded: (region: string) => CommandOutcome;
}

const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".\n';
const SIMULATED = '`aws s3 ls [s3://bucket]` and `aws dynamodb list-tables`';

/** The calls the lab's checks make; the local cloud holds no buckets or tables, so listings are empty. */
function apiCall(words: readonly string[]): ApiCall | undefined {
  const [service, operation, target] = words;
  if (service === 'dynamodb' && operation === 'list-tables' && target === undefined) {
    return { service, path: '/', succeeded: () => outcome({ stdout: '{\n    "TableNames": []\n}\n', seconds: CALL_SECONDS }) };
  }
  if (service !== 's3' || operation !== 'ls') return undefined;
  if (target === undefined) return { service, path: '/', succeeded: () => outcome({ seconds: CALL_SECONDS }) };
  const bucket = /^s3:\/\/([^/]+)/.exec(target)?.[1];
  if (!bucket) return undefined;
  const missing = '\nAn error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist\n';
  return { service, bucket, path: '/?list-type=2&prefix=&delimiter=%2F&encoding-type=url', succeeded: () => outcome({ stderr: missing, status: 254, seconds: CALL_SECONDS }) };
}

/** Splits `--region R` (the one global option that changes where a call goes) from the rest of the command line. */
function readGlobalOptions(args: readonly string[], instanceRegion: string): { region: string; words: string[] } {
  const words: string[] = [];
  let region = instanceRegion;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--region' && args[i + 1] !== undefined) region = args[++i] as string;
    else words.push(args[i] as string);
  }
  return { region, words };
}

function callOverHttps(context: CommandContext, call: ApiCall, region: string): CommandOutcome {
  const host = `${call.bucket ? `${call.bucket}.` : ''}${call.service}.${region}.amazonaws.com`;
  const endpoint = `https://${host}${call.path}`;
  const result = connect(context.view, context.instance, { host, port: 443, scheme: 'https', path: call.path, flow: context.nextFlow() });
  if (result.kind === 'response') return call.succeeded(region);
  if (result.kind === 'timeout') {
    return outcome({ stderr: `\nConnect timeout on endpoint URL: "${endpoint}"\n`, status: 255, seconds: CONNECT_TIMEOUT_SECONDS * ATTEMPTS });
  }
  return outcome({ stderr: `\nCould not connect to the endpoint URL: "${endpoint}"\n`, status: 255, seconds: result.kind === 'resolver-unreachable' ? 10 * ATTEMPTS : 0 });
}

/**
 * The AWS CLI v2 on Amazon Linux, for the calls that prove S3 and DynamoDB
 * reachability: credentials come from the instance profile, the region from
 * the instance, and the HTTPS call goes through the network model.
 */
export const aws: ShellCommand = (context, args) => {
  const { region, words } = readGlobalOptions(args, context.instance.region);
  const call = apiCall(words);
  if (!call) return outcome({ stderr: `aws: the local cloud simulates only ${SIMULATED} on an instance\n`, status: 252 });
  if (!context.instance.iamInstanceProfileArn) return outcome({ stderr: NO_CREDENTIALS, status: 253, seconds: 1 });
  return callOverHttps(context, call, region);
};
