import { NO_CREDENTIALS, unreachedEndpoint } from './aws-cli-endpoint';
import { CALL_SECONDS } from './aws-cli-json-call';
import { sendSshPublicKey } from './aws-cli-instance-connect';
import { outcome, type CommandContext, type CommandOutcome, type ShellCommand } from './shell-command';

interface ApiCall {
  readonly service: 's3' | 'dynamodb';
  /** The bucket for a virtual-hosted S3 call. */
  readonly bucket?: string;
  readonly path: string;
  readonly succeeded: (region: string) => CommandOutcome;
}

const SIMULATED = '`aws s3 ls [s3://bucket]`, `aws dynamodb list-tables` and `aws ec2-instance-connect send-ssh-public-key`';

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
  return unreachedEndpoint(context, host, call.path) ?? call.succeeded(region);
}

/**
 * The AWS CLI v2 on Amazon Linux, for the calls that prove S3 and DynamoDB
 * reachability and the key push of the hop to the private instance:
 * credentials come from the instance profile, the region from the instance,
 * and the HTTPS call goes through the network model.
 */
export const aws: ShellCommand = (context, args) => {
  const { region, words } = readGlobalOptions(args, context.instance.region);
  if (words[0] === 'ec2-instance-connect' && words[1] === 'send-ssh-public-key') return sendSshPublicKey(context, region, words.slice(2));
  const call = apiCall(words);
  if (!call) return outcome({ stderr: `aws: the local cloud simulates only ${SIMULATED} on an instance\n`, status: 252 });
  if (!context.instance.iamInstanceProfileArn) return outcome({ stderr: NO_CREDENTIALS, status: 253, seconds: 1 });
  return callOverHttps(context, call, region);
};
