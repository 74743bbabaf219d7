import { linuxUser } from '../linux-users';
import { outcome, type ShellCommand } from './shell-command';

const TRY_HELP = "Try 'whoami --help' for more information.\n";

/** coreutils whoami: the name of the user running it; an operand is "extra operand ‘X’", exit 1 (whoami.c). */
export const whoami: ShellCommand = (context, args) => {
  const [first] = args;
  if (first !== undefined && first.startsWith('-') && first !== '-' && first !== '--') {
    const shown = first.startsWith('--') ? `unrecognized option '${first}'` : `invalid option -- '${first[1]}'`;
    return outcome({ stderr: `whoami: ${shown}\n${TRY_HELP}`, status: 1 });
  }
  const operands = first === '--' ? args.slice(1) : args;
  if (operands.length > 0) return outcome({ stderr: `whoami: extra operand \u2018${operands[0]}\u2019\n${TRY_HELP}`, status: 1 });
  return outcome({ stdout: `${linuxUser(context.user)?.name ?? context.user}\n` });
};
