import { unsimulatedPath } from './instance-files';
import { outcome, type ShellCommand } from './shell-command';

const TRY_HELP = "Try 'rm --help' for more information.\n";

/**
 * coreutils rm on regular files: each operand removed, `-f` (`--force`)
 * keeping quiet about one that does not exist, which otherwise is "rm: cannot
 * remove 'X': No such file or directory" and exit status 1; with no operand,
 * "rm: missing operand" unless forced (coreutils rm.c). Other options, and
 * paths outside the files the model keeps, are refused as not simulated.
 */
export const rm: ShellCommand = (context, args) => {
  const files = context.effects.files(context.instance.id);
  const operands: string[] = [];
  let force = false;
  let options = true;
  for (const arg of args) {
    if (options && arg === '--') options = false;
    else if (options && (arg === '-f' || arg === '--force')) force = true;
    else if (options && arg.startsWith('-') && arg !== '-') return outcome({ stderr: `rm: option ${arg} is not simulated by the local cloud (only -f)\n`, status: 1 });
    else operands.push(arg);
  }
  if (operands.length === 0) return force ? outcome({}) : outcome({ stderr: `rm: missing operand\n${TRY_HELP}`, status: 1 });
  const refused = operands.map(unsimulatedPath).find((reason) => reason !== undefined);
  if (refused) return outcome({ stderr: `rm: ${refused}; not simulated by the local cloud\n`, status: 1 });
  let stderr = '';
  for (const path of operands) {
    if (!files.remove(path) && !force) stderr += `rm: cannot remove '${path}': No such file or directory\n`;
  }
  return outcome({ stderr, status: stderr === '' ? 0 : 1 });
};
