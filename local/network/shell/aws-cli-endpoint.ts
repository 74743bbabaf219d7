import { connect } from '../connections';
import { RESOLVER_GIVE_UP_SECONDS } from './network-timeouts';
import { outcome, type CommandContext, type CommandOutcome } from './shell-command';

/** AWS CLI v2 defaults: 60 s connect timeout, standard retry mode with 3 attempts. */
const CONNECT_TIMEOUT_SECONDS = 60;
const ATTEMPTS = 3;

/** What the CLI says, exit 253, when no credential provider has any: an instance without an instance profile. */
export const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".\n';

/**
 * Opens the HTTPS connection to the endpoint through the network model; what
 * the CLI prints when it cannot, after its attempts, or undefined once an
 * answer comes back.
 */
export function unreachedEndpoint(context: CommandContext, host: string, path: string): CommandOutcome | undefined {
  const endpoint = `https://${host}${path}`;
  const result = connect(context.view, context.instance, { host, port: 443, scheme: 'https', path, flow: context.nextFlow() });
  if (result.kind === 'response') return undefined;
  if (result.kind === 'timeout') {
    return outcome({ stderr: `\nConnect timeout on endpoint URL: "${endpoint}"\n`, status: 255, seconds: CONNECT_TIMEOUT_SECONDS * ATTEMPTS });
  }
  return outcome({ stderr: `\nCould not connect to the endpoint URL: "${endpoint}"\n`, status: 255, seconds: result.kind === 'resolver-unreachable' ? RESOLVER_GIVE_UP_SECONDS * ATTEMPTS : 0 });
}

