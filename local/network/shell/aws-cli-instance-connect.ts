import { SEND_SSH_PUBLIC_KEY_CONSTRAINTS, SEND_SSH_PUBLIC_KEY_REQUIRED } from '../../services/ec2instanceconnect/model/instance-connect-errors';
import { unsimulatedPath } from './instance-files';
import { NO_CREDENTIALS, unreachedEndpoint } from './aws-cli-endpoint';
import { sendJsonCall } from './aws-cli-json-call';
import { outcome, type CommandContext, type CommandOutcome } from './shell-command';

/**
 * A member's option, as the CLI names it: botocore's `xform_name` with `-`
 * (a capital starting a lower-case word, or following a lower-case letter or
 * digit, starts a new word), after `--`.
 */
const cliOption = (member: string): string =>
  `--${member
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()}`;

/** The command's parameters and the request members they fill, in the order of the service model's members, with the model's minimum lengths. */
const PARAMETERS = Object.entries(SEND_SSH_PUBLIC_KEY_CONSTRAINTS).map(([member, constraint]) => ({
  option: cliOption(member),
  member,
  required: SEND_SSH_PUBLIC_KEY_REQUIRED.includes(member),
  minLength: constraint.min,
}));

/**
 * The CLI's own options, valid with any command; the model carries out
 * `--region` alone (read before the command is), so the others are refused
 * rather than ignored.
 */
const GLOBAL_OPTIONS = new Set([
  '--debug',
  '--endpoint-url',
  '--no-verify-ssl',
  '--no-paginate',
  '--output',
  '--query',
  '--profile',
  '--color',
  '--no-sign-request',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
  '--no-cli-pager',
  '--cli-auto-prompt',
  '--no-cli-auto-prompt',
  '--cli-input-json',
  '--cli-input-yaml',
  '--generate-cli-skeleton',
]);

/** Exit status of a command line the CLI cannot run ("252: The command syntax was invalid…", AWS CLI User Guide, "Command line return codes"). */
const USAGE_ERROR = 252;

/**
 * The usage block the CLI's argument parser prints before a command-line
 * error (awscli/argparser.py), as AWS CLI v2 prints it, with a blank line
 * before the error; v1 (1.45 on this project's machines) prints the same
 * block without the blank line before "aws: error:".
 */
const USAGE =
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n' +
  'To see help text, you can run:\n\n' +
  '  aws help\n' +
  '  aws <command> help\n' +
  '  aws <command> <subcommand> help\n\n';

const usageError = (line: string): CommandOutcome => outcome({ stderr: `${USAGE}${line}\n`, status: USAGE_ERROR });
const unsimulated = (what: string): CommandOutcome => outcome({ stderr: `aws: ${what} is not simulated by the local cloud\n`, status: USAGE_ERROR });

/** The parameters given, by option, as the CLI's argument parser takes them (`--opt value` or `--opt=value`). */
function readParameters(args: readonly string[]): { readonly given: Map<string, string> } | { readonly refused: CommandOutcome } {
  const given = new Map<string, string>();
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [option = '', attached] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (GLOBAL_OPTIONS.has(option)) return { refused: unsimulated(`the option ${option}`) };
    if (!PARAMETERS.some((parameter) => parameter.option === option)) {
      unknown.push(arg);
      continue;
    }
    const value = attached ?? args[++i];
    if (value === undefined) return { refused: usageError(`aws: error: argument ${option}: expected one argument`) };
    given.set(option, value);
  }
  if (unknown.length > 0) return { refused: usageError(`Unknown options: ${unknown.join(', ')}`) };
  const missing = PARAMETERS.filter((parameter) => parameter.required && !given.has(parameter.option)).map((parameter) => parameter.option);
  if (missing.length > 0) return { refused: usageError(`aws: error: the following arguments are required: ${missing.join(', ')}`) };
  return { given };
}

/**
 * A `file://` value is the file's text (awscli/paramfile.py); one that cannot
 * be read is "Error parsing parameter '--opt': Unable to load paramfile
 * file://…: [Errno 2] No such file or directory: '…'", after a blank line.
 */
function loadValue(context: CommandContext, option: string, value: string): string | CommandOutcome {
  if (/^fileb:\/\//.test(value)) return unsimulated('a fileb:// parameter');
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  const refused = unsimulatedPath(path);
  if (refused) return unsimulated(`reading ${refused}`);
  const text = context.effects.files(context.instance.id).read(path);
  if (text !== undefined) return text;
  return outcome({ stderr: `\nError parsing parameter '${option}': Unable to load paramfile ${value}: [Errno 2] No such file or directory: '${path}'\n`, status: USAGE_ERROR });
}

/**
 * `aws ec2-instance-connect send-ssh-public-key` as the AWS CLI v2 runs it on
 * the instance: its parameters, then botocore's checks before anything is
 * sent (it holds members to the model's minimum lengths, not to the maximum
 * or the patterns the service checks: "Parameter validation failed:\nInvalid
 * length for parameter SSHPublicKey, value: 38, valid min length: 256",
 * aws/aws-cli#6654, of an older model), the instance profile's credentials,
 * then the call over HTTPS to `ec2-instance-connect.<region>.amazonaws.com`
 * through the network model, made as the instance's role session with IAM
 * enforced as on any call.
 */
export function sendSshPublicKey(context: CommandContext, region: string, args: readonly string[]): CommandOutcome {
  const read = readParameters(args);
  if ('refused' in read) return read.refused;
  const { given } = read;
  const input: Record<string, string> = {};
  for (const parameter of PARAMETERS) {
    const value = given.get(parameter.option);
    if (value === undefined) continue;
    const loaded = loadValue(context, parameter.option, value);
    if (typeof loaded !== 'string') return loaded;
    input[parameter.member] = loaded;
  }
  const tooShort = PARAMETERS.filter((parameter) => input[parameter.member] !== undefined && (input[parameter.member] as string).length < parameter.minLength);
  if (tooShort.length > 0) {
    const lines = tooShort.map((parameter) => `Invalid length for parameter ${parameter.member}, value: ${(input[parameter.member] as string).length}, valid min length: ${parameter.minLength}`);
    return outcome({ stderr: `\nParameter validation failed:\n${lines.join('\n')}\n`, status: USAGE_ERROR });
  }
  const { instance } = context;
  const credentials = instance.iamInstanceProfileArn === undefined ? undefined : context.effects.instanceServices.credentials(instance.iamInstanceProfileArn, instance.id);
  if (!credentials) return outcome({ stderr: NO_CREDENTIALS, status: 253, seconds: 1 });
  const service = 'ec2-instance-connect';
  const unreached = unreachedEndpoint(context, `${service}.${region}.amazonaws.com`, '/');
  if (unreached) return unreached;
  return sendJsonCall(context, { service, region, targetPrefix: 'AWSEC2InstanceConnectService', operation: 'SendSSHPublicKey', input }, credentials);
}
