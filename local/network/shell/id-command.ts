import { linuxUser } from '../linux-users';
import { type GnuProgram, parseGnuOptions } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's id (id.c: "agnruzGZ"); failures exit 1. */
const ID: GnuProgram = {
  name: 'id',
  failure: 1,
  shortOptions: 'agnruzGZ',
  longOptions: { context: 'Z', group: 'g', groups: 'G', name: 'n', real: 'r', user: 'u', zero: 'z', help: 'help', version: 'version' },
  simulated: ['u', 'g', 'G', 'n', 'r', 'a'],
  simulatedText: '-u, -g or -G, with -n or -r',
};

const fail = (message: string) => outcome({ stderr: `id: ${message}\n`, status: 1 });

/**
 * coreutils id for the user running it or the one named: `-u`, `-g` or `-G`
 * print the user's, its group's or all its groups' numbers, names with `-n`
 * (`-r` and `-a` change nothing here). Both id.c's complaints about the
 * choice are kept. The default format is not simulated: it ends with the
 * SELinux context, which the model does not know.
 */
export const id: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(ID, args);
  if (!parsed.ok) return parsed.outcome;
  const given = new Set(parsed.options.map((option) => option.name));
  const choices = ['u', 'g', 'G'].filter((choice) => given.has(choice));
  if (choices.length > 1) return fail('cannot print "only" of more than one choice');
  if (parsed.operands.length > 1) return outcome({ stderr: `id: extra operand \u2018${parsed.operands[1]}\u2019\nTry 'id --help' for more information.\n`, status: 1 });
  const [choice] = choices;
  if (choice === undefined) {
    if (given.has('n') || given.has('r')) return fail('cannot print only names or real IDs in default format');
    return outcome({ stderr: 'id: the default format (uid, gid, groups and SELinux context) is not simulated by the local cloud (only -u, -g or -G, with -n)\n', status: 1 });
  }
  const name = parsed.operands[0] ?? context.user;
  const user = linuxUser(name);
  if (!user) return fail(`\u2018${name}\u2019: no such user`);
  const names = given.has('n');
  const own = { gid: user.gid, name: user.name };
  const shown =
    choice === 'u' ? [names ? user.name : String(user.uid)] : choice === 'g' ? [names ? own.name : String(own.gid)] : [own, ...user.groups].map((group) => (names ? group.name : String(group.gid)));
  return outcome({ stdout: `${shown.join(' ')}\n` });
};
