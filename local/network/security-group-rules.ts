import type { SecurityGroupRuleRecord } from '../services/ec2/model/ec2-records';
import { ipInCidr, parseCidr } from '../cloud/cidr';
import type { NetworkView } from './network-view';

/** TCP and UDP to a port; ICMP of a type (code 0: an echo request is type 8). */
export type Transport = 'tcp' | 'udp' | 'icmp';

/** The other end of a flow, as a security group rule can name it. */
export interface Peer {
  readonly ip: string;
  readonly groupIds: readonly string[];
  /** Prefix lists the peer's address belongs to (a gateway endpoint's service). */
  readonly prefixListIds?: readonly string[];
}

const PROTOCOL_NUMBERS: Record<Transport, string> = { tcp: '6', udp: '17', icmp: '1' };

/**
 * An ICMP rule's FromPort is the ICMP type and its ToPort the code, -1
 * meaning any ("For ICMP/ICMPv6, you must also specify the ICMP/ICMPv6 type
 * and code. You can use -1 to mean all types or all codes", AWS CLI
 * reference, authorize-security-group-ingress).
 */
function coversPort(rule: SecurityGroupRuleRecord, transport: Transport, port: number): boolean {
  if (rule.ipProtocol === '-1') return true;
  if (rule.ipProtocol !== transport && rule.ipProtocol !== PROTOCOL_NUMBERS[transport]) return false;
  if (transport === 'icmp') return (rule.fromPort === -1 || rule.fromPort === port) && (rule.toPort === undefined || rule.toPort === -1 || rule.toPort === 0);
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
