import { type GivenOption, type GnuProgram, parseGnuOptions, refusal } from './gnu-options';
import { type CommandOutcome, outcome } from './shell-command';

/**
 * ping's command line as iputils 20210202 reads it (the version of Amazon
 * Linux 2023's AMIs: `iputils-20210202-2.amzn2023.0.4`, AL2023 release notes,
 * https://docs.aws.amazon.com/linux/al2023/release-notes/relnotes-2023.2.20231113.html),
 * from ping/ping.c, `main`: getopt(3) with
 * "h?4bRT:6F:N:aABc:dDfi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:", options and the
 * destination in any order. `-c` and `-w` are read by strtol_or_err
 * (iputils_common.c: "invalid argument: 'X'", or "…: out of range: MIN <=
 * value <= MAX", exit 1), `-W` by ping_strtod, which only warns about
 * trailing garbage ("option argument contains garbage: X" and "this will
 * become fatal error in the future") and refuses a negative time ("bad linger
 * time: X", exit 2). A getopt complaint is followed by usage(), exit 2
 * (gnu-options.ts reads the line, as for the GNU tools).
 */
export interface PingOptions {
  readonly target: string;
  /** `-c`: stop after this many replies. */
  readonly count?: number;
  /** `-w`: seconds before ping exits whatever it received (0 is none). */
  readonly deadline?: number;
  /** `-W`: seconds to wait for a reply once every packet is sent, when none came (MAXWAIT, 10, by default). */
  readonly lingerSeconds: number;
  readonly numeric: boolean;
  readonly quiet: boolean;
}

export type PingParse = { readonly ok: true; readonly options: PingOptions; readonly warnings: string } | { readonly ok: false; readonly outcome: CommandOutcome };

const LONG_MAX = '9223372036854775807';
const INT_MAX = 2147483647;

/** ping_common.c, usage(), to standard error. */
export const PING_USAGE =
  '\nUsage\n  ping [options] <destination>\n\nOptions:\n' +
  '  <destination>      dns name or ip address\n  -a                 use audible ping\n  -A                 use adaptive ping\n' +
  '  -B                 sticky source address\n  -c <count>         stop after <count> replies\n  -D                 print timestamps\n' +
  '  -d                 use SO_DEBUG socket option\n  -f                 flood ping\n  -h                 print help and exit\n' +
  '  -I <interface>     either interface name or address\n  -i <interval>      seconds between sending each packet\n' +
  '  -L                 suppress loopback of multicast packets\n  -l <preload>       send <preload> number of packages while waiting replies\n' +
  '  -m <mark>          tag the packets going out\n  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>\n' +
  '  -n                 no dns name resolution\n  -O                 report outstanding replies\n  -p <pattern>       contents of padding byte\n' +
  '  -q                 quiet output\n  -Q <tclass>        use quality of service <tclass> bits\n' +
  '  -s <size>          use <size> as number of data bytes to be sent\n  -S <size>          use <size> as SO_SNDBUF socket option value\n' +
  '  -t <ttl>           define time to live\n  -U                 print user-to-user latency\n  -v                 verbose output\n' +
  '  -V                 print version and exit\n  -w <deadline>      reply wait <deadline> in seconds\n  -W <timeout>       time to wait for response\n' +
  '\nIPv4 options:\n  -4                 use IPv4\n  -b                 allow pinging broadcast\n  -R                 record route\n' +
  '  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n' +
  '\nIPv6 options:\n  -6                 use IPv6\n  -F <flowlabel>     define flow label, default is random\n' +
  '  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n\nFor more details see ping(8).\n';

/** getopt(3) of ping.c's `main`, no long options: a complaint is followed by usage(), which `-h` and `-?` print alone; an option not simulated is refused as soon as it is read. */
const PING: GnuProgram = {
  name: 'ping',
  failure: 2,
  shortOptions: 'h?4bRT:6F:N:aABc:dDfi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:',
  simulated: ['c', 'w', 'W', 'n', 'q', '4'],
  simulatedText: 'ping -c COUNT [-w DEADLINE] [-W TIMEOUT] [-n] [-q] HOST',
  tryHelp: PING_USAGE,
  onOption: (letter) => {
    if (letter === 'h' || letter === '?') return outcome({ stderr: PING_USAGE, status: 2 });
    return PING.simulated.includes(letter) ? undefined : refusal(PING, `the option -${letter}`);
  },
};

const failed = (stderr: string, status: number): PingParse => ({ ok: false, outcome: outcome({ stderr, status }) });

/** strtol_or_err: an integer in [min, max], or its complaint. */
function integer(text: string, min: number, max: string): number | PingParse {
  if (!/^\s*[+-]?\d+$/.test(text)) return failed(`ping: invalid argument: '${text}'\n`, 1);
  const value = Number(text);
  if (value < min || value > Number(max)) return failed(`ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max}\n`, 1);
  return value;
}

/** ping_strtod for `-W`: the number at the start (garbage after it only warned about), or its complaint. */
function lingerTime(text: string): { seconds: number; warnings: string } | PingParse {
  const match = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text);
  if (text === '') return failed('ping: bad linger time: \n', 2);
  const rest = text.slice(match?.[0].length ?? 0);
  const warnings = rest === '' ? '' : `ping: option argument contains garbage: ${rest}\nping: this will become fatal error in the future\n`;
  const seconds = match ? Number(match[0]) : 0;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > INT_MAX / 1000) return failed(`${warnings}ping: bad linger time: ${text}\n`, 2);
  return { seconds, warnings };
}

/** The value of the last `-letter` given, as getopt's loop in ping.c keeps it. */
const valueOf = (options: readonly GivenOption[], letter: string): string | undefined => options.findLast((option) => option.name === letter)?.value;

export function parsePingArgs(args: readonly string[]): PingParse {
  const line = parseGnuOptions(PING, args);
  if (!line.ok) return line;
  const { options, operands } = line;
  const given = (letter: string): boolean => options.some((option) => option.name === letter);
  const countText = valueOf(options, 'c');
  const count = countText === undefined ? undefined : integer(countText, 1, LONG_MAX);
  if (typeof count === 'object') return count;
  const deadlineText = valueOf(options, 'w');
  const deadline = deadlineText === undefined ? undefined : integer(deadlineText, 0, String(INT_MAX));
  if (typeof deadline === 'object') return deadline;
  const lingerText = valueOf(options, 'W');
  const linger = lingerText === undefined ? { seconds: 10, warnings: '' } : lingerTime(lingerText);
  if ('ok' in linger) return linger;
  // ping.c: "if (!argc) error(1, EDESTADDRREQ, "usage error")".
  if (operands.length === 0) return failed(`${linger.warnings}ping: usage error: Destination address required\n`, 1);
  if (operands.length > 1) return failed('ping: source routing through several hosts is not simulated by the local cloud (only one HOST)\n', 2);
  if (count === undefined && !deadline) return { ok: false, outcome: refusal(PING, 'pinging until interrupted (no -c or -w)') };
  return {
    ok: true,
    warnings: linger.warnings,
    options: { target: operands[0] as string, count, deadline: deadline || undefined, lingerSeconds: linger.seconds, numeric: given('n'), quiet: given('q') },
  };
}
