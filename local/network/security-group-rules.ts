import type { SecurityGroupRuleRecord } from '../services/ec2/model/ec2-records';
import { ipInCidr, parseCidr } from '../cloud/cidr';
import type { NetworkView } from './network-view';

export type Transport = 'tcp' | 'udp';

/** The other end of a flow, as a security group rule can name it. */
export interface Peer {
  readonly ip: string;
  readonly groupIds: readonly string[];
  /** Prefix lists the peer's address belongs to (a gateway endpoint's service). */
  readonly prefixListIds?: readonly string[];
}

const PROTOCOL_NUMBERS: Record<Transport, string> = { tcp: '6', udp: '17' };

function coversPort(rule: SecurityGroupRuleRecord, transport: Transport, port: number): boolean {
  if (rule.ipProtocol === '-1') return true;
  if (rule.ipProtocol !== transport && rule.ipProtocol !== PROTOCOL_NUMBERS[transport]) return false;
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

function namesPeer(rule: SecurityGroupRuleRecord, peer: Peer): boolean {
  if (rule.cidrIpv4 !== undefined && ipInCidr(peer.ip, parseCidr(rule.cidrIpv4))) return true;
  if (rule.referencedGroupId !== undefined && peer.groupIds.includes(rule.referencedGroupId)) return true;
  return rule.prefixListId !== undefined && (peer.prefixListIds ?? []).includes(rule.prefixListId);
}

/**
 * Whether any of `groupIds` lets a new flow in (ingress, from `peer`) or out
 * (egress, to `peer`). Security groups are stateful, so the reply is never checked.
 */
export function groupsAllow(view: NetworkView, groupIds: readonly string[], direction: 'ingress' | 'egress', transport: Transport, port: number, peer: Peer): boolean {
  return groupIds.some((id) => {
    const group = view.ec2.tables.securityGroups.get(id);
    return group !== undefined && group[direction].some((rule) => coversPort(rule, transport, port) && namesPeer(rule, peer));
  });
}
