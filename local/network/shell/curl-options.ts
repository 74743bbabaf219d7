export interface CurlOptions {
  readonly urls: readonly string[];
  readonly silent: boolean;
  readonly showError: boolean;
  /** `-m`/`--max-time` and `--connect-timeout`, in seconds. */
  readonly maxTime?: number;
  readonly connectTimeout?: number;
  /** `-o`: where the body goes instead of standard output. */
  readonly output?: string;
  readonly writeOut?: string;
  readonly head: boolean;
  readonly fail: boolean;
}

export type CurlParse = { readonly ok: true; readonly options: CurlOptions } | { readonly ok: false; readonly stderr: string };

type Flag = 'silent' | 'showError' | 'head' | 'fail' | 'insecure';
type Valued = 'maxTime' | 'connectTimeout' | 'output' | 'writeOut';

/** `-k` is taken and changes nothing: the certificates of AWS endpoints verify anyway. */
const FLAGS: Record<string, Flag> = { s: 'silent', S: 'showError', I: 'head', f: 'fail', k: 'insecure', '--silent': 'silent', '--show-error': 'showError', '--head': 'head', '--fail': 'fail', '--insecure': 'insecure' };
const VALUED: Record<string, Valued> = { m: 'maxTime', o: 'output', w: 'writeOut', '--max-time': 'maxTime', '--connect-timeout': 'connectTimeout', '--output': 'output', '--write-out': 'writeOut' };
const NUMERIC: readonly Valued[] = ['maxTime', 'connectTimeout'];

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const refuse = (problem: string): CurlParse => ({ ok: false, stderr: `curl: ${problem}\n${TRY_HELP}` });

/** Reads curl's command line for the options a lab check or a student uses; clustered short options (`-sSo`) included. */
export function parseCurlArgs(args: readonly string[]): CurlParse {
  const flags = new Set<Flag>();
  const values: Partial<Record<Valued, string>> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      urls.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const names = long ? [arg] : [...arg.slice(1)];
    for (let j = 0; j < names.length; j++) {
      const name = names[j] as string;
      const shown = long ? name : `-${name}`;
      if (Object.hasOwn(FLAGS, name)) {
        flags.add(FLAGS[name] as Flag);
        continue;
      }
      if (!Object.hasOwn(VALUED, name)) return refuse(`option ${shown}: is unknown`);
      const attached = long ? '' : names.slice(j + 1).join('');
      const value = attached !== '' ? attached : args[++i];
      if (value === undefined) return refuse(`option ${shown}: requires parameter`);
      const key = VALUED[name] as Valued;
      if (NUMERIC.includes(key) && !/^\d+(\.\d+)?$/.test(value)) return refuse(`option ${shown}: expected a proper numerical parameter`);
      values[key] = value;
      break;
    }
  }
  if (urls.length === 0) return refuse('no URL specified');
  const seconds = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
  return {
    ok: true,
    options: {
      urls,
      silent: flags.has('silent'),
      showError: flags.has('showError'),
      head: flags.has('head'),
      fail: flags.has('fail'),
      maxTime: seconds(values.maxTime),
      connectTimeout: seconds(values.connectTimeout),
      output: values.output,
      writeOut: values.writeOut,
    },
  };
}
