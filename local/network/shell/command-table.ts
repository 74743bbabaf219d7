import { aws } from './aws-cli-command';
import { shellProgram } from './bash-command';
import { echo, falseCommand, hostname, sleep, trueCommand } from './builtin-commands';
import { cat } from './cat-command';
import { curl } from './curl-command';
import { dig } from './dig-command';
import { grep } from './grep-command';
import { head } from './head-command';
import { id } from './id-command';
import { ping } from './ping-command';
import { rm } from './rm-command';
import { runuser } from './runuser-command';
import type { ShellCommand } from './shell-command';
import { sort } from './sort-command';
import { ssh } from './ssh-command';
import { sshKeygen } from './ssh-keygen-command';
import { tail } from './tail-command';
import { uniq } from './uniq-command';
import { wc } from './wc-command';
import { whoami } from './whoami-command';

/** The commands an instance of the lab has; anything else is `command not found`. */
const COMMANDS: Readonly<Record<string, ShellCommand>> = {
  ':': trueCommand,
  aws,
  bash: shellProgram('bash'),
  cat,
  curl,
  dig,
  echo,
  false: falseCommand,
  grep,
  head,
  hostname,
  id,
  ping,
  rm,
  runuser,
  sh: shellProgram('sh'),
  sleep,
  sort,
  ssh,
  'ssh-keygen': sshKeygen,
  tail,
  true: trueCommand,
  uniq,
  wc,
  whoami,
};

/** Where Amazon Linux 2023 keeps these programs (/bin and /sbin are links to /usr/bin and /usr/sbin): a path names one of them there. */
const PROGRAM_DIRECTORIES = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

export type CommandLookup = { readonly kind: 'found'; readonly command: ShellCommand } | { readonly kind: 'not-found' } | { readonly kind: 'no-such-file' };

/** The program a command name runs: looked up in PATH for a bare name, taken as a path when it holds a `/`. */
export function findCommand(name: string): CommandLookup {
  if (!name.includes('/')) return Object.hasOwn(COMMANDS, name) ? { kind: 'found', command: COMMANDS[name] as ShellCommand } : { kind: 'not-found' };
  const slash = name.lastIndexOf('/');
  const [directory, base] = [name.slice(0, slash), name.slice(slash + 1)];
  return PROGRAM_DIRECTORIES.includes(directory) && Object.hasOwn(COMMANDS, base) ? { kind: 'found', command: COMMANDS[base] as ShellCommand } : { kind: 'no-such-file' };
}
