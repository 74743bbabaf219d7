/** The parts of dig's output that `+[no]<section>` switches on and off. */
export type DigSection = 'cmd' | 'comments' | 'question' | 'answer' | 'stats';

const ALL_SECTIONS: readonly DigSection[] = ['cmd', 'comments', 'question', 'answer', 'stats'];

export interface DigOptions {
  readonly names: readonly string[];
  readonly type: string;
  /** `@server`; the VPC's resolver when omitted. */
  readonly server?: string;
  readonly short: boolean;
  readonly sections: ReadonlySet<DigSection>;
  /** Seconds dig waits for each try (`+time=`) and how many tries it makes (`+tries=`, `+retry=`). */
  readonly time: number;
  readonly tries: number;
}

export type DigParse = { readonly ok: true; readonly options: DigOptions } | { readonly ok: false; readonly stderr: string };

const RECORD_TYPES = ['A', 'AAAA', 'ANY', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'];

const USAGE =
  'Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n' +
  '            {global-d-opt} host [@local-server] {local-d-opt}\n' +
  '            [ host [@local-server] {local-d-opt} [...]]\n\n' +
  'Use "dig -h" (or "dig -h | more") for complete list of options\n';

const invalid = (option: string): DigParse => ({ ok: false, stderr: `Invalid option: ${option}\n${USAGE}` });

function switchSections(sections: Set<DigSection>, which: readonly DigSection[], on: boolean): void {
  for (const section of which) {
    if (on) sections.add(section);
    else sections.delete(section);
  }
}

/** Reads dig's command line the way BIND 9 does for the options the lab and its students use. */
export function parseDigArgs(args: readonly string[]): DigParse {
  const names: string[] = [];
  const sections = new Set<DigSection>(ALL_SECTIONS);
  let type = 'A';
  let server: string | undefined;
  let short = false;
  let time = 5;
  let tries = 3;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const plus = /^\+(no)?([a-z]+)(?:=(\d+))?$/.exec(arg);
    if (arg.startsWith('@')) {
      server = arg.slice(1);
    } else if (arg === '-t') {
      const value = args[++i]?.toUpperCase();
      if (!value || !RECORD_TYPES.includes(value)) return invalid(`-t ${value ?? ''}`.trim());
      type = value;
    } else if (plus) {
      const [, no, name = '', value] = plus;
      if (name === 'short') short = !no;
      else if (name === 'all' || (ALL_SECTIONS as readonly string[]).includes(name)) switchSections(sections, name === 'all' ? ALL_SECTIONS : [name as DigSection], !no);
      else if (name === 'time' && value) time = Math.max(1, Number(value));
      else if (name === 'tries' && value) tries = Math.max(1, Number(value));
      else if (name === 'retry' && value) tries = Number(value) + 1;
      else return invalid(arg);
    } else if (arg.startsWith('-') || arg.startsWith('+')) {
      return invalid(arg);
    } else if (RECORD_TYPES.includes(arg.toUpperCase())) {
      type = arg.toUpperCase();
    } else if (arg.toUpperCase() !== 'IN') {
      names.push(arg);
    }
  }
  return { ok: true, options: { names: names.length > 0 ? names : ['.'], type, server, short, sections, time, tries } };
}
