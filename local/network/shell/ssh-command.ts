import { awsSeconds } from '../../../contract/latency-profile';
import { openTcp } from '../connections';
import { CALL_SECONDS } from './aws-cli-json-call';
import { type PublicKey, publicKeyOfPrivateKeyFile } from '../openssh-keys';
import { AMAZON_LINUX_USER, AUTHENTICATION_METHODS, HOST_KEY_TYPE, SSH_PORT, sshdAccepts } from '../sshd';
import { unsimulatedPath } from './instance-files';
import { RESOLVER_GIVE_UP_SECONDS, SYN_GIVE_UP_SECONDS } from './network-timeouts';
import { type CommandContext, type CommandOutcome, outcome, type ShellCommand } from './shell-command';

/** ssh's own failures exit 255 ("ssh exits with the exit status of the remote command or with 255 if an error occurred", ssh(1)). */
const SSH_FAILED = 255;

/**
 * Key exchange and public-key authentication with an instance of the same
 * VPC, sshd's AuthorizedKeysCommand asking the instance metadata for the
 * pushed keys included: well under a second, and AWS publishes no figure.
 * It is what the latency profile's hop leaves after the CLI's key push, so
 * the workflow's polls and the bound count the same time the shell spends.
 */
const HANDSHAKE_SECONDS = awsSeconds('sshHop') - CALL_SECONDS;

/** The `-o` options the model carries out, by ssh_config(5)'s keyword (case-insensitive), with the values it models. */
const MODELLED_OPTIONS: Readonly<Record<string, string | undefined>> = {
  stricthostkeychecking: 'no',
  userknownhostsfile: '/dev/null',
  /** Any number of seconds. */
  connecttimeout: undefined,
  /** No prompt is left for it to turn off once host keys are not checked. */
  batchmode: 'yes',
  /** How much ssh itself says (LOG_LEVELS): checked apart, since several values are modelled. */
  loglevel: undefined,
};

/**
 * The LogLevel values the model carries out (ssh_config(5): QUIET, FATAL,
 * ERROR, INFO, the default, then VERBOSE and DEBUG, which add diagnostics the
 * model does not write). The one message of INFO's the model prints is the
 * host key added to the known hosts, which sshconnect.c writes with logit(),
 * at INFO; above INFO nothing of it shows.
 */
const LOG_LEVELS = ['quiet', 'fatal', 'error', 'info'] as const;

interface SshInvocation {
  readonly identityFile?: string;
  readonly options: ReadonlyMap<string, string>;
  readonly user: string;
  readonly host: string;
  readonly command: string;
}

const failed = (stderr: string, seconds = 0): CommandOutcome => outcome({ stderr, status: SSH_FAILED, seconds });

const unsimulated = (what: string): CommandOutcome =>
  failed(`ssh: ${what} is not simulated by the local cloud (only ssh [-i /tmp/KEY] -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null [-o ConnectTimeout=N] ec2-user@HOST COMMAND)\n`);

/**
 * ssh's command line as ssh.c reads it: options, the destination, options
 * again (ssh parses the words after the destination until the first that is
 * not an option), then the remote command, its words joined by spaces.
 */
function readCommandLine(args: readonly string[], localUser: string): SshInvocation | CommandOutcome {
  const options = new Map<string, string>();
  let identityFile: string | undefined;
  let destination: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) {
      if (destination !== undefined) break;
      destination = arg;
      continue;
    }
    const name = arg.slice(0, 2);
    if (name !== '-i' && name !== '-o') return unsimulated(`the option ${arg}`);
    const value = arg.length > 2 ? arg.slice(2) : args[++i];
    if (value === undefined) return failed(`option requires an argument -- ${name.slice(1)}\n`);
    if (name === '-i') {
      identityFile = value;
      continue;
    }
    const [keyword = '', setting = ''] = value.split(/[=\s]\s*/, 2);
    options.set(keyword.toLowerCase(), setting);
  }
  if (destination === undefined) return unsimulated('ssh without a destination');
  const at = destination.lastIndexOf('@');
  const user = at < 0 ? localUser : destination.slice(0, at);
  return { identityFile, options, user, host: destination.slice(at + 1), command: args.slice(i).join(' ') };
}

/** The option the model does not carry out, if any; a ConnectTimeout that is no number is OpenSSH's own complaint. */
function unmodelledOption(options: ReadonlyMap<string, string>): CommandOutcome | undefined {
  for (const [keyword, value] of options) {
    if (!Object.hasOwn(MODELLED_OPTIONS, keyword)) return unsimulated(`the option -o ${keyword}`);
    const modelled = MODELLED_OPTIONS[keyword];
    if (modelled !== undefined && value.toLowerCase() !== modelled) return unsimulated(`-o ${keyword}=${value}`);
  }
  const logLevel = options.get('loglevel')?.toLowerCase();
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) return unsimulated(`-o LogLevel=${options.get('loglevel') ?? ''}`);
  // readconf.c: "%s line %d: invalid time value." for an option given on the command line ("command-line", line 0).
  if (options.has('connecttimeout') && !/^\d+$/.test(options.get('connecttimeout') ?? '')) return failed('command-line line 0: invalid time value.\n');
  for (const needed of ['stricthostkeychecking', 'userknownhostsfile']) {
    if (!options.has(needed)) return unsimulated(`checking host keys against a known_hosts file (no -o ${needed === 'stricthostkeychecking' ? 'StrictHostKeyChecking=no' : 'UserKnownHostsFile=/dev/null'})`);
  }
  return undefined;
}

/** The key ssh offers from `-i`, with the warning it prints about a file it cannot use. */
function identity(context: CommandContext, path: string | undefined): { key?: PublicKey; warning: string } | CommandOutcome {
  if (path === undefined) return { warning: '' };
  const refused = unsimulatedPath(path);
  if (refused) return unsimulated(`the identity file ${refused}`);
  const text = context.effects.files(context.instance.id).read(path);
  // ssh.c: "Warning: Identity file %s not accessible: %s."; sshconnect2.c: `Load key "%s": %s` for one it cannot parse.
  if (text === undefined) return { warning: `Warning: Identity file ${path} not accessible: No such file or directory.\n` };
  const key = publicKeyOfPrivateKeyFile(text);
  return key ? { key, warning: '' } : { warning: `Load key "${path}": invalid format\n` };
}

/**
 * OpenSSH's ssh on Amazon Linux, for a command on another instance with a key
 * pushed by EC2 Instance Connect. The TCP connection to port 22 follows the
 * network model as curl's do (route, the source's egress and the target's
 * ingress rules, the target running with sshd started); a connection that
 * gets no answer is "ssh: connect to host H port 22: Connection timed out"
 * after ConnectTimeout (or the kernel's SYN retries), a reset "Connection
 * refused" (`ssh_connect_direct`, sshconnect.c), each exit 255. With
 * StrictHostKeyChecking=no and UserKnownHostsFile=/dev/null every host key is
 * new and accepted: "Warning: Permanently added 'H' (ED25519) to the list of
 * known hosts." (sshconnect.c). Then sshd takes the key if EC2 Instance
 * Connect pushed its public half for the user and it has not expired at that
 * moment, else "user@H: Permission denied (publickey,gssapi-keyex,gssapi-with-mic)."
 * and 255; once in, the command runs on the target as the user's bash runs
 * `bash -c`, and its output and exit status are ssh's. An interactive login
 * (no command), users other than ec2-user and options the model does not
 * carry out are refused as not simulated.
 */
export const ssh: ShellCommand = (context, args) => {
  const invocation = readCommandLine(args, context.user);
  if ('status' in invocation) return invocation;
  const refused = unmodelledOption(invocation.options);
  if (refused) return refused;
  if (invocation.command === '') return unsimulated('an interactive login (no remote command)');
  if (invocation.user !== AMAZON_LINUX_USER) return unsimulated(`logging in as ${invocation.user} (the model knows Amazon Linux's ec2-user only)`);
  const offered = identity(context, invocation.identityFile);
  if ('status' in offered) return offered;
  const { host, user } = invocation;
  const connectTimeout = invocation.options.has('connecttimeout') ? Number(invocation.options.get('connecttimeout')) : undefined;
  const connection = openTcp(context.view, context.instance, { host, port: SSH_PORT, flow: context.nextFlow() });
  const warned = (stderr: string, seconds: number): CommandOutcome => failed(offered.warning + stderr, seconds);
  switch (connection.kind) {
    // getaddrinfo(3)'s EAI_AGAIN and EAI_NONAME, as ssh prints them ("ssh: Could not resolve hostname %s: %s", ssh.c).
    case 'resolver-unreachable':
      return warned(`ssh: Could not resolve hostname ${host}: Temporary failure in name resolution\n`, RESOLVER_GIVE_UP_SECONDS);
    case 'unresolved':
      return warned(`ssh: Could not resolve hostname ${host}: Name or service not known\n`, 0);
    case 'timeout': {
      const seconds = connectTimeout !== undefined && connectTimeout > 0 ? Math.min(connectTimeout, SYN_GIVE_UP_SECONDS) : SYN_GIVE_UP_SECONDS;
      return warned(`ssh: connect to host ${host} port ${SSH_PORT}: Connection timed out\n`, seconds);
    }
    case 'refused':
      return warned(`ssh: connect to host ${host} port ${SSH_PORT}: Connection refused\n`, 0);
    case 'open':
      break;
  }
  if (connection.reached.kind !== 'sshd') return unsimulated(`a connection to port ${SSH_PORT} of ${host}, where no sshd of an instance answers`);
  const target = connection.reached.instance;
  const saysInfo = (invocation.options.get('loglevel')?.toLowerCase() ?? 'info') === 'info';
  const hostKey = `${offered.warning}${saysInfo ? `Warning: Permanently added '${host}' (${HOST_KEY_TYPE}) to the list of known hosts.\n` : ''}`;
  const loggedIn = context.at + context.view.clock.scaled(HANDSHAKE_SECONDS);
  if (!sshdAccepts(context.view, target, user, offered.key, loggedIn)) {
    return failed(`${hostKey}${user}@${host}: Permission denied (${AUTHENTICATION_METHODS}).\n`, HANDSHAKE_SECONDS);
  }
  // ssh sends its standard input to the remote command (ssh(1): -n redirects it from /dev/null instead).
  const remote = context.shellOn(target, invocation.command, { user, startedAt: loggedIn, stdin: context.readStdin(), timeLimitSeconds: context.timeLeft - HANDSHAKE_SECONDS });
  return outcome({ stdout: remote.stdout, stderr: hostKey + remote.stderr, status: remote.exitCode, seconds: HANDSHAKE_SECONDS + remote.elapsedSeconds, timedOut: remote.timedOut });
};
