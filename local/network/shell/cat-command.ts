import { type GnuProgram, parseGnuOptions, standardInput } from './gnu-options';
import { outcome, type ShellCommand } from './shell-command';

/** coreutils 8.32's cat (cat.c: "benstuvAET"); usage errors exit 1. */
const CAT: GnuProgram = {
  name: 'cat',
  failure: 1,
  shortOptions: 'benstuvAET',
  longOptions: {
    'number-nonblank': 'b',
    number: 'n',
    'squeeze-blank': 's',
    'show-nonprinting': 'v',
    'show-ends': 'E',
    'show-tabs': 'T',
    'show-all': 'A',
    help: 'help',
    version: 'version',
  },
  simulated: ['u'],
  simulatedText: 'cat of standard input, -u ignored as GNU cat ignores it',
};

/** GNU cat of its standard input: copied to standard output as it is. */
export const cat: ShellCommand = (context, args) => {
  const parsed = parseGnuOptions(CAT, args);
  if (!parsed.ok) return parsed.outcome;
  const input = standardInput(CAT, context, parsed.operands);
  if (typeof input !== 'string') return input;
  return outcome({ stdout: input });
};
