import { instanceHostname } from '../dns-resolver';
import { newEd25519KeyPair } from '../openssh-keys';
import { unsimulatedPath } from './instance-files';
import { outcome, type ShellCommand } from './shell-command';

/** The key types ssh-keygen knows (ssh-keygen(1), `-t`); the model makes Ed25519 keys only. */
const KNOWN_TYPES = ['dsa', 'ecdsa', 'ecdsa-sk', 'ed25519', 'ed25519-sk', 'rsa'];
const VALUED = new Set(['t', 'N', 'f']);

const unsimulated = (what: string) => outcome({ stderr: `ssh-keygen: ${what} is not simulated by the local cloud (only ssh-keygen -q -t ed25519 -N '' -f /tmp/FILE)\n`, status: 1 });

/** ssh-keygen's options as getopt(3) reads them: clustered flags, a value attached (`-ted25519`) or in the next word. */
function readOptions(args: readonly string[]): { options: Map<string, string>; flags: Set<string> } | { unknown: string } {
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg.length < 2) return { unknown: `the operand ${arg}` };
    for (let j = 1; j < arg.length; j++) {
      const name = arg[j] as string;
      if (name === 'q') {
        flags.add(name);
        continue;
      }
      if (!VALUED.has(name)) return { unknown: `option -${name}` };
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
      if (value === undefined) return { unknown: `option -${name} without a value` };
      options.set(name, value);
      break;
    }
  }
  return { options, flags };
}

/**
 * `ssh-keygen -q -t ed25519 -N '' -f PATH` of OpenSSH on Amazon Linux: a new
 * key pair, the private key in PATH (mode 0600) and the public in PATH.pub
 * (0644), commented `<user>@<hostname>`; quiet, so it prints nothing. A PATH
 * that exists is asked about on standard output ("PATH already exists." and
 * "Overwrite (y/n)? ", `confirm_overwrite` of ssh-keygen.c) and the answer
 * read from standard input: a line starting with y overwrites both; anything
 * else, or no input (a script's), makes ssh-keygen exit 1 and leave both
 * files as they were (as OpenSSH 9.2's does; only PATH is asked about, a
 * PATH.pub alone is overwritten). An unknown `-t` is "unknown key type X",
 * exit 255. Anything that would prompt (no `-N`, no `-f`), print the key's
 * randomart (no `-q`), encrypt it or make another type is refused as not
 * simulated.
 */
export const sshKeygen: ShellCommand = (context, args) => {
  const read = readOptions(args);
  if ('unknown' in read) return unsimulated(read.unknown);
  const { options, flags } = read;
  const type = options.get('t');
  if (type !== undefined && !KNOWN_TYPES.includes(type)) return outcome({ stderr: `unknown key type ${type}\n`, status: 255 });
  if (type !== 'ed25519') return unsimulated(type === undefined ? 'a key without -t' : `a key of type ${type}`);
  if (options.get('N') !== '') return unsimulated(options.has('N') ? 'a passphrase' : 'asking for a passphrase (no -N)');
  if (!flags.has('q')) return unsimulated("printing the key's fingerprint and randomart (no -q)");
  const path = options.get('f');
  if (path === undefined) return unsimulated('asking where to save the key (no -f)');
  const refused = unsimulatedPath(path);
  if (refused) return unsimulated(refused);
  const files = context.effects.files(context.instance.id);
  const prompt = `${path} already exists.\nOverwrite (y/n)? `;
  if (files.exists(path) && !/^[yY]/.test(context.readStdin())) return outcome({ stdout: prompt, status: 1 });
  const asked = files.exists(path) ? prompt : '';
  const pair = newEd25519KeyPair(`${context.user}@${instanceHostname(context.instance)}`);
  files.write(path, pair.privateKeyFile, 0o600);
  files.write(`${path}.pub`, pair.publicKeyLine, 0o644);
  return outcome({ stdout: asked });
};
