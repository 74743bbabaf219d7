import { isIPv4 } from 'node:net';
import { ipInCidr, parseCidr } from '../../cloud/cidr';
import { type DnsAnswer, LINK_LOCAL_RESOLVER, resolve, resolvePublicly, vpcResolverAddress } from '../dns-resolver';
import { vpcOf } from '../network-view';
import { publicRoute } from '../routing';
import { groupsAllow } from '../security-group-rules';
import { type DigOptions, type DigSection, parseDigArgs } from './dig-options';
import { type CommandContext, outcome, type ShellCommand } from './shell-command';

const DIG_VERSION = '9.18.33';
const TTL = 60;
const NO_SERVERS = ';; connection timed out; no servers could be reached\n';

interface Query {
  readonly name: string;
  readonly server: string;
  readonly answer: DnsAnswer;
}

/**
 * Which server answers: the VPC's own resolver (at base+2 or 169.254.169.253)
 * answers as seen from inside the VPC; a server on the internet answers as
 * public DNS, if the instance can reach it on UDP 53.
 */
function ask(context: CommandContext, server: string | undefined, name: string): Query {
  const { view, instance } = context;
  const vpc = vpcOf(view, instance);
  const own = vpc ? vpcResolverAddress(vpc) : LINK_LOCAL_RESOLVER;
  if (server === undefined || server === own || server === LINK_LOCAL_RESOLVER) return { name, server: own, answer: resolve(view, instance, name) };
  const silent: Query = { name, server, answer: { status: 'unreachable' } };
  if (!isIPv4(server) || (vpc && ipInCidr(server, parseCidr(vpc.cidrBlock)))) return silent;
  const route = publicRoute(view, instance, server);
  const out = route.kind === 'internet' && groupsAllow(view, instance.groupIds, 'egress', 'udp', 53, { ip: server, groupIds: [] });
  return out ? { name, server, answer: resolvePublicly(view, name) } : silent;
}

const fqdn = (name: string): string => (name.endsWith('.') ? name : `${name}.`);

const records = (query: Query, type: string): readonly string[] => (query.answer.status === 'NOERROR' && type === 'A' ? query.answer.addresses : []);

function whenStamp(now: number): string {
  const [weekday, day, month, year, time] = new Date(now).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

/** dig's full answer, section by section as `+[no]<section>` asks. */
function fullAnswer(context: CommandContext, options: DigOptions, query: Query, args: readonly string[]): string {
  const shown = (section: DigSection): boolean => options.sections.has(section);
  const lines: string[] = [];
  if (shown('cmd')) lines.push('', `; <<>> DiG ${DIG_VERSION} <<>> ${args.join(' ')}`, ';; global options: +cmd');
  if (query.answer.status === 'unreachable') return `${[...lines, NO_SERVERS.trimEnd()].join('\n')}\n`;
  const answers = records(query, options.type);
  const name = fqdn(query.name);
  if (shown('comments')) {
    lines.push(
      ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${query.answer.status}, id: ${(context.nextFlow() * 7919) % 65536}`,
      `;; flags: qr rd ra; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1`,
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 4096',
    );
  }
  if (shown('question')) lines.push(...(shown('comments') ? [';; QUESTION SECTION:'] : []), `;${name}\t\t\tIN\t${options.type}`, '');
  if (shown('answer') && answers.length > 0) {
    lines.push(...(shown('comments') ? [';; ANSWER SECTION:'] : []), ...answers.map((address) => `${name}\t\t${TTL}\tIN\tA\t${address}`), '');
  }
  if (shown('stats')) {
    const size = 12 + name.length + 5 + answers.length * 16 + 11;
    lines.push(';; Query time: 0 msec', `;; SERVER: ${query.server}#53(${query.server}) (UDP)`, `;; WHEN: ${whenStamp(context.view.clock.now())}`, `;; MSG SIZE  rcvd: ${size}`, '');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `dig`: asks the resolver and prints what BIND's dig prints; exit 9 when no server answers. */
export const dig: ShellCommand = (context, args) => {
  const parsed = parseDigArgs(args);
  if (!parsed.ok) return outcome({ stderr: parsed.stderr, status: 1 });
  const { options } = parsed;
  let stdout = '';
  let status = 0;
  let seconds = 0;
  for (const name of options.names) {
    const query = ask(context, options.server, name);
    if (query.answer.status === 'unreachable') {
      status = 9;
      seconds += options.time * options.tries;
    }
    if (!options.short) stdout += fullAnswer(context, options, query, args);
    else if (query.answer.status === 'unreachable') stdout += NO_SERVERS;
    else stdout += records(query, options.type).map((address) => `${address}\n`).join('');
  }
  return outcome({ stdout, status, seconds });
};
