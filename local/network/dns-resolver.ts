import { privateDnsName } from '../services/ec2/model/ec2-dns-names';
import type { InstanceRecord, VpcEndpointRecord, VpcRecord } from '../services/ec2/model/ec2-records';
import { awsServiceHost, publicAddressOf } from './aws-service-hosts';
import { intToIp, parseCidr } from '../cloud/cidr';
import { interfacesOf, type NetworkView, vpcOf } from './network-view';

/** What a DNS query for an A record gets back. */
export type DnsAnswer =
  | { readonly status: 'NOERROR'; readonly addresses: readonly string[] }
  | { readonly status: 'NXDOMAIN' }
  /** The resolver did not answer at all (the VPC has DNS resolution turned off). */
  | { readonly status: 'unreachable' };

const answer = (addresses: readonly string[] | undefined): DnsAnswer => (addresses ? { status: 'NOERROR', addresses } : { status: 'NXDOMAIN' });

const normalize = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** The Amazon-provided DNS server of a VPC: its base address plus two. */
export const vpcResolverAddress = (vpc: VpcRecord): string => intToIp(parseCidr(vpc.cidrBlock).base + 2);

/** The link-local address of the same resolver, reachable from every instance. */
export const LINK_LOCAL_RESOLVER = '169.254.169.253';

/** The instance's private DNS name, which is also what `hostname` prints on Amazon Linux. */
export const instanceHostname = (instance: InstanceRecord): string => privateDnsName(instance.region, instance.privateIpAddress);

/**
 * What the Amazon-provided resolver of the instance's VPC answers: nothing
 * when the VPC has DNS resolution off; inside the VPC, the private DNS of
 * interface endpoints overrides the service's public name and instance names
 * resolve; everything else as public DNS answers it.
 */
export function resolve(view: NetworkView, instance: InstanceRecord, name: string): DnsAnswer {
  const vpc = vpcOf(view, instance);
  if (!vpc?.enableDnsSupport) return { status: 'unreachable' };
  const host = normalize(name);
  return answer(privateDnsAddresses(view, vpc, host) ?? instanceNameAddresses(view, vpc, host) ?? publicDnsAddresses(view, host));
}

/**
 * The name a reverse (PTR) lookup of `address` gives from the instance:
 * "localhost" for 127.0.0.1 (Amazon Linux's /etc/hosts), and through the
 * VPC's resolver an instance's private DNS name for its private address, as
 * for the forward lookup the model answers (instanceNameAddresses); no other
 * address has a name here.
 */
export function reverseName(view: NetworkView, instance: InstanceRecord, address: string): string | undefined {
  if (address === '127.0.0.1') return 'localhost';
  const vpc = vpcOf(view, instance);
  if (!vpc?.enableDnsSupport) return undefined;
  const owner = view.ec2.tables.instances.all().find((candidate) => candidate.vpcId === vpc.id && candidate.state !== 'terminated' && candidate.privateIpAddress === address);
  return owner && instanceHostname(owner);
}

/** What public DNS answers, the same from any resolver on the internet. */
export function resolvePublicly(view: NetworkView, name: string): DnsAnswer {
  return answer(publicDnsAddresses(view, normalize(name)));
}

const ENDPOINT_WITH_DNS: readonly VpcEndpointRecord['state'][] = ['pendingAcceptance', 'pending', 'available'];

/** `vpce-…` names are the endpoint's own; any other DNS entry is a private DNS name, visible only inside the VPC. */
const isEndpointOwnName = (dnsName: string): boolean => dnsName.startsWith('vpce-') && dnsName.endsWith('.vpce.amazonaws.com');

/** The zone of a zonal endpoint name (`vpce-…-ap-northeast-2a.<service>…`), undefined for the regional one. */
const zoneOfEndpointName = (dnsName: string): string | undefined => /-([a-z]{2}(?:-gov)?-[a-z]+-\d[a-z])$/.exec(dnsName.split('.')[0] ?? '')?.[1];

function endpointAddresses(view: NetworkView, endpoint: VpcEndpointRecord, zone?: string): string[] {
  return interfacesOf(view, endpoint.networkInterfaceIds)
    .filter((eni) => zone === undefined || eni.availabilityZone === zone)
    .map((eni) => eni.privateIpAddress);
}

/**
 * An interface endpoint with private DNS lists the service's public name
 * among its DNS entries; inside its VPC (with DNS hostnames on, which private
 * DNS needs) that name answers the endpoint's private addresses once it is available.
 */
function privateDnsAddresses(view: NetworkView, vpc: VpcRecord, host: string): string[] | undefined {
  if (!vpc.enableDnsHostnames) return undefined;
  const owner = view.ec2.tables.vpcEndpoints
    .all()
    .find(
      (endpoint) =>
        endpoint.vpcId === vpc.id &&
        endpoint.vpcEndpointType === 'Interface' &&
        endpoint.privateDnsEnabled &&
        endpoint.state === 'available' &&
        endpoint.dnsEntries.some((entry) => !isEndpointOwnName(normalize(entry.dnsName)) && normalize(entry.dnsName) === host),
    );
  return owner && endpointAddresses(view, owner);
}

function instanceNameAddresses(view: NetworkView, vpc: VpcRecord, host: string): string[] | undefined {
  const instance = view.ec2.tables.instances.all().find((candidate) => candidate.vpcId === vpc.id && candidate.state !== 'terminated' && instanceHostname(candidate) === host);
  return instance && [instance.privateIpAddress];
}

/**
 * Public DNS: an endpoint's own `vpce-…` names, load balancer names and AWS
 * service names. A load balancer's name answers its nodes (one interface per
 * subnet): "The DNS name of an internet-facing load balancer is publicly
 * resolvable to the public IP addresses of the nodes. … The DNS name of an
 * internal load balancer is publicly resolvable to the private IP addresses
 * of the nodes" (ELBv2 API Reference, CreateLoadBalancer `Scheme`; the same
 * words in the Classic Load Balancer guide, "Internal Classic Load
 * Balancers"). So any VPC resolves an internal NLB's name, to addresses it
 * may have no route to. The name answers once the NLB is `active` (right
 * after CreateLoadBalancer it is NXDOMAIN, as kubernetes-sigs/cluster-api-provider-aws#5032
 * saw) and no longer once DeleteLoadBalancer has been called.
 */
function publicDnsAddresses(view: NetworkView, host: string): string[] | undefined {
  for (const endpoint of view.ec2.tables.vpcEndpoints.all()) {
    if (!ENDPOINT_WITH_DNS.includes(endpoint.state)) continue;
    const entry = endpoint.dnsEntries.find((candidate) => normalize(candidate.dnsName) === host && isEndpointOwnName(host));
    if (entry) return endpointAddresses(view, endpoint, zoneOfEndpointName(host));
  }
  const loadBalancer = view.elbv2.loadBalancers.all().find((candidate) => candidate.state === 'active' && !candidate.deleting && normalize(candidate.dnsName) === host);
  if (loadBalancer) {
    const interfaces = interfacesOf(view, loadBalancer.networkInterfaceIds);
    return interfaces.map((eni) => (loadBalancer.scheme === 'internet-facing' && eni.publicIp ? eni.publicIp : eni.privateIpAddress));
  }
  return awsServiceHost(host) ? [publicAddressOf(host)] : undefined;
}
