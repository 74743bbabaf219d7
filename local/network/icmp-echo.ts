import type { InstanceRecord, NetworkInterfaceRecord } from '../services/ec2/model/ec2-records';
import { ipInCidr, parseCidr } from '../cloud/cidr';
import { guardingGroups } from './connections';
import { type NetworkView, vpcOf } from './network-view';
import { prefixListsHolding, publicRoute } from './routing';
import { groupsAllow, type Peer } from './security-group-rules';

/** ICMP type 8, code 0 (RFC 792): what ping sends. */
export const ECHO_REQUEST_TYPE = 8;

/** What an ICMP echo request from an instance gets: a reply (with the reply's TTL and the round trip), or nothing at all. */
export type EchoOutcome =
  | { readonly kind: 'reply'; readonly ttl: number; readonly roundTripMicroseconds: number }
  | { readonly kind: 'silent' };

const SILENT: EchoOutcome = { kind: 'silent' };

/**
 * Round trips and TTLs. Linux sends with TTL 64 (ip-sysctl.txt,
 * `ip_default_ttl`), and the replies below arrive with it unchanged; AWS
 * publishes neither how many hops a VPC's or its border's routers add nor a
 * round-trip time, so the times are estimates: within a VPC (one
 * Availability Zone) well under a millisecond, from one instance to another's
 * public address over the internet gateways about a millisecond, the
 * instance's own addresses a few tens of microseconds.
 */
const LOOPBACK: EchoOutcome = { kind: 'reply', ttl: 64, roundTripMicroseconds: 40 };
const WITHIN_VPC: EchoOutcome = { kind: 'reply', ttl: 64, roundTripMicroseconds: 412 };
const OVER_INTERNET: EchoOutcome = { kind: 'reply', ttl: 64, roundTripMicroseconds: 1180 };

/** An instance answers an echo request its security groups admit: "To ping your instance, you must add … an inbound ICMP rule" (EC2 User Guide, "Security group rules for different use cases", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html#sg-rules-ping); Amazon Linux's kernel answers echo requests (net.ipv4.icmp_echo_ignore_all is 0). */
function instanceAnswers(view: NetworkView, eni: NetworkInterfaceRecord, source: Peer, reply: EchoOutcome): EchoOutcome {
  const target = eni.owner.kind === 'instance' ? view.ec2.tables.instances.get(eni.owner.id) : undefined;
  if (target?.state !== 'running') return SILENT;
  return groupsAllow(view, target.groupIds, 'ingress', 'icmp', ECHO_REQUEST_TYPE, source) ? reply : SILENT;
}

/**
 * An echo request to an address of the instance's own VPC, delivered by the
 * `local` route to the interface that holds it, if the instance's egress
 * rules let it out:
 * - an instance answers if its security groups admit it (above);
 * - an interface endpoint never answers, whatever its security group admits:
 *   "An interface endpoint supports TCP traffic only" (VPC User Guide,
 *   interface endpoint limitations,
 *   https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html#vpce-interface-limitations,
 *   as quoted in https://harryho.github.io/cloud/aws/aws-03-vpc-3/); nor does
 *   it send ICMP errors ("VPC endpoints do not generate … Destination
 *   Unreachable: Fragmentation needed", AWS PrivateLink quotas,
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html);
 * - a Network Load Balancer's node never answers: its listeners are TCP,
 *   TLS, UDP and TCP_UDP (ELB User Guide, "Listeners for your Network Load
 *   Balancers", https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html)
 *   and it ignores ping (Classmethod, an AWS partner, tested it:
 *   https://dev.classmethod.jp/articles/nlb-layer4-communication-commands/);
 * - any other interface (NAT gateway, …): no AWS source found, so no answer.
 */
function echoWithinVpc(view: NetworkView, instance: InstanceRecord, address: string): EchoOutcome {
  const eni = view.ec2.tables.networkInterfaces.all().find((candidate) => candidate.vpcId === instance.vpcId && candidate.privateIpAddress === address && !candidate.released);
  if (!eni) return SILENT;
  const client: Peer = { ip: instance.privateIpAddress, groupIds: instance.groupIds };
  if (!groupsAllow(view, instance.groupIds, 'egress', 'icmp', ECHO_REQUEST_TYPE, { ip: address, groupIds: guardingGroups(view, eni) ?? [] })) return SILENT;
  return eni.owner.kind === 'instance' ? instanceAnswers(view, eni, client, WITHIN_VPC) : SILENT;
}

/**
 * An echo request to an address outside the VPC. It needs a route out (an
 * internet gateway, or a gateway endpoint's prefix-list route for S3 and
 * DynamoDB) and the instance's egress rules. Then:
 * - an AWS service's public endpoint (S3, DynamoDB, CloudFormation, …),
 *   over the internet or a gateway endpoint: no AWS source found on whether
 *   it answers ICMP echo, so no answer;
 * - the public address of an instance answers, over the internet gateway, if
 *   its security groups admit the sender's public address;
 * - anything else on the internet is unknown to the model: no answer.
 */
function echoOutside(view: NetworkView, instance: InstanceRecord, address: string): EchoOutcome {
  const route = publicRoute(view, instance, address);
  if (route.kind === 'none') return SILENT;
  const destination: Peer = { ip: address, groupIds: [], prefixListIds: prefixListsHolding(instance.region, address) };
  if (!groupsAllow(view, instance.groupIds, 'egress', 'icmp', ECHO_REQUEST_TYPE, destination)) return SILENT;
  if (route.kind !== 'internet') return SILENT;
  const eni = view.ec2.tables.networkInterfaces.all().find((candidate) => candidate.publicIp === address && !candidate.released);
  return eni ? instanceAnswers(view, eni, { ip: route.sourceIp, groupIds: [] }, OVER_INTERNET) : SILENT;
}

/**
 * What an ICMP echo request from `instance` to `address` gets, through what
 * is built: the instance itself (loopback, its own address) always answers;
 * see echoWithinVpc and echoOutside for the rest. Security groups are
 * stateful, so the reply is never checked. Pure: reads the records only.
 */
export function echoRequest(view: NetworkView, instance: InstanceRecord, address: string): EchoOutcome {
  if (ipInCidr(address, parseCidr('127.0.0.0/8')) || address === instance.privateIpAddress) return LOOPBACK;
  const vpc = vpcOf(view, instance);
  if (vpc && ipInCidr(address, parseCidr(vpc.cidrBlock))) return echoWithinVpc(view, instance, address);
  return echoOutside(view, instance, address);
}
