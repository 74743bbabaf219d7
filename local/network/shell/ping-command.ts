import { isIPv4 } from 'node:net';
import { resolve, reverseName } from '../dns-resolver';
import { echoRequest } from '../icmp-echo';
import { RESOLVER_GIVE_UP_SECONDS } from './network-timeouts';
import { type PingOptions, parsePingArgs } from './ping-options';
import { type CommandContext, type CommandOutcome, outcome, type ShellCommand } from './shell-command';

/** ping sends one echo request a second (`-i` defaults to 1 s); each send comes about a millisecond after the last one's second, the drift iputils' statistics show. */
const INTERVAL_MS = 1000;
const DRIFT_MS = 1;

/** Amazon Linux 2023's /etc/hosts names 127.0.0.1 `localhost`; other names go to the VPC's resolver. */
const HOSTS: Readonly<Record<string, string>> = { localhost: '127.0.0.1', 'localhost.localdomain': '127.0.0.1', localhost4: '127.0.0.1', 'localhost4.localdomain4': '127.0.0.1' };

/** gather_statistics: `time=` with three decimals under 1 ms, two under 10 ms, one under 100 ms, none above. */
function tripTime(us: number): string {
  if (us >= 100000 - 50) return `${Math.floor((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.floor((us + 50) / 1000)}.${Math.floor(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor((us + 5) / 1000)}.${String(Math.floor(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

/** finish's `%ld.%03ld` of a time in microseconds. */
const milliseconds = (us: number): string => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

interface Run {
  readonly transmitted: number;
  readonly received: number;
  readonly seconds: number;
  readonly status: number;
}

/**
 * How many echo requests go out and how long ping runs (ping_common.c,
 * main_loop, pinger and __schedule_exit): one a second; with `-c N` alone
 * ping stops at the Nth reply, or, when none came, waits the linger time
 * (`-W`, 10 s) after the Nth request; with `-w D` it sends until D seconds
 * have passed unless N replies came first. Exit 1 when nothing came back, or
 * when a deadline ended it short of N replies (finish's return).
 */
function runOf(options: PingOptions, roundTripUs: number | undefined): Run {
  const { count, deadline } = options;
  if (roundTripUs !== undefined) {
    if (count !== undefined && (deadline === undefined || count <= deadline)) return { transmitted: count, received: count, seconds: count - 1 + roundTripUs / 1e6, status: 0 };
    const sent = deadline as number;
    return { transmitted: sent, received: sent, seconds: sent, status: count !== undefined && sent < count ? 1 : 0 };
  }
  if (deadline !== undefined) return { transmitted: deadline, received: 0, seconds: deadline, status: 1 };
  const sent = count as number;
  return { transmitted: sent, received: 0, seconds: sent - 1 + options.lingerSeconds, status: 1 };
}

function report(context: CommandContext, options: PingOptions, host: string, address: string, warnings: string): CommandOutcome {
  const echo = echoRequest(context.view, context.instance, address);
  const trip = echo.kind === 'reply' ? echo.roundTripMicroseconds : undefined;
  const run = runOf(options, trip);
  // pr_addr of iputils 20210202: the reverse name and the address, or the address twice when it has no name; the address alone when ping was given one (or -n).
  const numeric = options.numeric || isIPv4(options.target);
  const from = numeric ? address : `${reverseName(context.view, context.instance, address) ?? address} (${address})`;
  const lines = [`PING ${host} (${address}) 56(84) bytes of data.`];
  if (echo.kind === 'reply' && !options.quiet) {
    for (let seq = 1; seq <= run.received; seq++) lines.push(`64 bytes from ${from}: icmp_seq=${seq} ttl=${echo.ttl} time=${tripTime(echo.roundTripMicroseconds)} ms`);
  }
  const loss = ((run.transmitted - run.received) * 100) / run.transmitted;
  lines.push('', `--- ${host} ping statistics ---`, `${run.transmitted} packets transmitted, ${run.received} received, ${loss}% packet loss, time ${(run.transmitted - 1) * (INTERVAL_MS + DRIFT_MS)}ms`);
  lines.push(trip === undefined ? '' : `rtt min/avg/max/mdev = ${milliseconds(trip)}/${milliseconds(trip)}/${milliseconds(trip)}/0.000 ms`);
  return outcome({ stdout: `${lines.join('\n')}\n`, stderr: warnings, status: run.status, seconds: run.seconds });
}

/**
 * iputils ping on Amazon Linux 2023: `ping -c N [-w D] [-W T] [-n] [-q]
 * HOST`. The destination is resolved first (/etc/hosts, then the VPC's
 * resolver): a name that does not exist is "ping: HOST: Name or service not
 * known" and one the resolver never answers "Temporary failure in name
 * resolution" (gai_strerror of EAI_NONAME and EAI_AGAIN), exit 2. Then
 * every echo request fares as the network model says (icmp-echo.ts: what
 * answers, and why the rest does not), and ping prints what iputils prints:
 * the "PING HOST (IP) 56(84) bytes of data." header, a line per reply, an
 * empty line, the "--- HOST ping statistics ---" summary, and the rtt line
 * when a reply came (an empty line otherwise). Every reply of one ping takes
 * the same time here, so mdev is 0.
 */
export const ping: ShellCommand = (context, args) => {
  const parsed = parsePingArgs(args);
  if (!parsed.ok) return parsed.outcome;
  const { options, warnings } = parsed;
  const { target } = options;
  if (isIPv4(target)) return report(context, options, target, target, warnings);
  const hostsEntry = target.toLowerCase();
  if (Object.hasOwn(HOSTS, hostsEntry)) return report(context, options, target, HOSTS[hostsEntry] as string, warnings);
  const answer = resolve(context.view, context.instance, target);
  if (answer.status === 'unreachable') return outcome({ stderr: `${warnings}ping: ${target}: Temporary failure in name resolution\n`, status: 2, seconds: RESOLVER_GIVE_UP_SECONDS });
  const [address] = answer.status === 'NOERROR' ? answer.addresses : [];
  if (address === undefined) return outcome({ stderr: `${warnings}ping: ${target}: Name or service not known\n`, status: 2 });
  return report(context, options, target, address, warnings);
};
