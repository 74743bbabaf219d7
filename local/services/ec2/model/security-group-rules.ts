import { newId } from '../../../cloud/ids';
import type { Tags } from '../../../cloud/tags';
import { parseCidr } from '../../../cloud/cidr';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { awsPrefixLists } from './aws-prefix-lists';
import { type Ec2Context, requireAll } from './ec2-context';
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from './ec2-records';
import { securityGroupNotFound } from './security-groups';
import { notFound } from './ec2-errors';

/** One rule as a caller asks for it: a protocol, its ports, and exactly one peer. */
export type RuleRequest = Omit<SecurityGroupRuleRecord, 'ruleId' | 'tags'>;

/** EC2 stores the common protocols by name whichever way they were given. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function normalizeProtocol(protocol: string): string {
  const lower = protocol.toLowerCase();
  if (['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(lower)) return lower;
  if (/^\d{1,3}$/.test(lower) && Number(lower) <= 255) return PROTOCOL_NAMES[String(Number(lower))] ?? String(Number(lower));
  throw invalidParameterValue(`Invalid value '${protocol}' for IP protocol. Unknown protocol.`);
}

const inRange = (value: number | undefined, min: number, max: number): value is number => value !== undefined && Number.isInteger(value) && value >= min && value <= max;

/** Ports mean something only to TCP/UDP (a range) and ICMP (type and code); EC2 drops them for other protocols. */
function normalizePorts(protocol: string, fromPort: number | undefined, toPort: number | undefined): Pick<RuleRequest, 'fromPort' | 'toPort'> {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (!inRange(fromPort, 0, 65535) || !inRange(toPort, fromPort ?? 0, 65535)) {
      throw invalidParameterValue('Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
    }
    return { fromPort, toPort };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    if (!inRange(fromPort, -1, 255) || !inRange(toPort, -1, 255)) throw invalidParameterValue('Invalid value for portRange. Must specify both ICMP type and code.');
    return { fromPort, toPort };
  }
  return { fromPort: undefined, toPort: undefined };
}

/** What makes two rules the same rule (the description does not). */
const ruleKey = (rule: RuleRequest): string =>
  [rule.ipProtocol, rule.fromPort, rule.toPort, rule.cidrIpv4, rule.referencedGroupId, rule.prefixListId].map((part) => part ?? '').join('|');

function describeTraffic(rule: RuleRequest): string {
  const protocol = rule.ipProtocol;
  if (protocol === '-1') return 'ALL';
  if (protocol === 'tcp' || protocol === 'udp') return `${protocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  if (protocol.startsWith('icmp')) return `${protocol.toUpperCase()}, type: ${rule.fromPort}, code: ${rule.toPort}`;
  return `protocol: ${protocol}`;
}

/** A rule in EC2's own words, as its Duplicate errors quote it (`peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW`). */
const describeRule = (rule: RuleRequest): string =>
  `peer: ${rule.cidrIpv4 ?? rule.referencedGroupId ?? rule.prefixListId ?? ''}, ${describeTraffic(rule)}, ALLOW`;

/** Checks a requested rule against EC2's rules and puts it in the form EC2 stores. */
function normalizeRule(context: Ec2Context, group: SecurityGroupRecord, rule: RuleRequest): RuleRequest {
  const ipProtocol = normalizeProtocol(rule.ipProtocol);
  if (rule.cidrIpv4 !== undefined) parseCidr(rule.cidrIpv4, 'CidrIp');
  if (rule.referencedGroupId !== undefined) {
    const [peer] = requireAll(context, context.tables.securityGroups, [rule.referencedGroupId], securityGroupNotFound);
    if (peer?.vpcId !== group.vpcId) throw new ServiceError('InvalidGroup.NotFound', 'You have specified two resources that belong to different networks.');
  }
  if (rule.prefixListId !== undefined && !awsPrefixLists(group.region).some((list) => list.id === rule.prefixListId)) {
    throw notFound('InvalidPrefixListID.NotFound', 'prefix list', rule.prefixListId);
  }
  return { ...rule, ipProtocol, ...normalizePorts(ipProtocol, rule.fromPort, rule.toPort) };
}

function normalizeAll(context: Ec2Context, group: SecurityGroupRecord, rules: readonly RuleRequest[]): RuleRequest[] {
  const normalized = rules.map((rule) => normalizeRule(context, group, rule));
  if (new Set(normalized.map(ruleKey)).size !== normalized.length) throw invalidParameterValue('The same permission must not appear multiple times');
  return normalized;
}

/** AuthorizeSecurityGroupIngress: adds every rule, each with the call's tags, or none when one already exists. */
export function authorizeIngress(context: Ec2Context, group: SecurityGroupRecord, rules: readonly RuleRequest[], tags: Tags): SecurityGroupRuleRecord[] {
  const existing = new Set(group.ingress.map(ruleKey));
  const added = normalizeAll(context, group, rules).map((rule) => {
    if (existing.has(ruleKey(rule))) throw new ServiceError('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
    return { ruleId: newId('sgr'), ...rule, tags };
  });
  context.tables.securityGroups.update(group.id, (record) => record.ingress.push(...added));
  return added;
}

/** RevokeSecurityGroupIngress: removes every rule named, or none when one does not exist. */
export function revokeIngress(context: Ec2Context, group: SecurityGroupRecord, rules: readonly RuleRequest[]): SecurityGroupRuleRecord[] {
  const revoked = normalizeAll(context, group, rules).map((rule) => {
    const match = group.ingress.find((candidate) => ruleKey(candidate) === ruleKey(rule));
    if (!match) throw new ServiceError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
    return match;
  });
  const gone = new Set(revoked.map((rule) => rule.ruleId));
  context.tables.securityGroups.update(group.id, (record) => {
    record.ingress = record.ingress.filter((rule) => !gone.has(rule.ruleId));
  });
  return revoked;
}
