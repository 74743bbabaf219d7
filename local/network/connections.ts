import { isIPv4 } from 'node:net';
import type { InstanceRecord, NetworkInterfaceRecord, VpcEndpointRecord } from '../services/ec2/model/ec2-records';
import { awsServiceHost, type AwsServiceHost, publicAddressOf } from './aws-service-hosts';
import { ipInCidr, parseCidr } from '../cloud/cidr';
import { resolve } from './dns-resolver';
import { awsEndpointResponse, type HttpResponse } from './http-responses';
import { forwardThroughLoadBalancer, instanceListener } from './load-balancer-forwarding';
import { interfacesOf, type NetworkView, vpcOf } from './network-view';
import { type HttpRequest, type Reached, server, type TcpFlow, TIMEOUT } from './reached-server';
import { prefixListsHolding, publicRoute } from './routing';
import { groupsAllow, type Peer } from './security-group-rules';

/** What a client on an instance gets when it opens an HTTP(S) connection. */
export type ConnectOutcome =
  /** The VPC's resolver never answered (DNS resolution is off). */
  | { readonly kind: 'resolver-unreachable' }
  | { readonly kind: 'unresolved' }
  | { readonly kind: 'timeout'; readonly address: string }
  | { readonly kind: 'refused'; readonly address: string }
  /** HTTPS to a port that speaks plain HTTP: the TLS handshake fails. */
  | { readonly kind: 'tls-mismatch'; readonly address: string }
  /** Plain HTTP to a TLS port: the server closes without an HTTP answer. */
  | { readonly kind: 'empty-reply'; readonly address: string }
  /** Plain HTTP to a server that speaks first and not HTTP (sshd's version line): curl reads it as HTTP/0.9. */
  | { readonly kind: 'not-http'; readonly address: string }
  | { readonly kind: 'response'; readonly address: string; readonly response: HttpResponse };

/** How a TCP connection from an instance fares: not resolved, dropped, reset, or open to what listens. */
export type TcpOutcome =
  | { readonly kind: 'resolver-unreachable' }
  | { readonly kind: 'unresolved' }
  | { readonly kind: 'timeout'; readonly address: string }
  | { readonly kind: 'refused'; readonly address: string }
  | { readonly kind: 'open'; readonly address: string; readonly reached: Exclude<Reached, { readonly kind: 'timeout' | 'refused' }> };

/**
 * Opens a TCP connection from `instance` to the flow's host and port through
 * what is built: DNS, route tables, gateway and interface endpoints, security
 * groups on both ends, load balancers and their targets. Pure: reads the
 * records, changes nothing.
 */
export function openTcp(view: NetworkView, instance: InstanceRecord, flow: TcpFlow): TcpOutcome {
  let address = flow.host;
  if (!isIPv4(address)) {
    const answer = resolve(view, instance, flow.host);
    if (answer.status === 'unreachable') return { kind: 'resolver-unreachable' };
    const first = answer.status === 'NOERROR' ? answer.addresses[0] : undefined;
    if (first === undefined) return { kind: 'unresolved' };
    address = first;
  }
  const vpc = vpcOf(view, instance);
  const inVpc = vpc !== undefined && ipInCidr(address, parseCidr(vpc.cidrBlock));
  const reached = inVpc ? reachPrivate(view, instance, address, flow) : reachPublic(view, instance, address, flow);
  if (reached.kind === 'timeout' || reached.kind === 'refused') return { kind: reached.kind, address };
  return { kind: 'open', address, reached };
}

/** An HTTP(S) request from `instance` over a connection `openTcp` opens, and what comes back. */
export function connect(view: NetworkView, instance: InstanceRecord, request: HttpRequest): ConnectOutcome {
  const opened = openTcp(view, instance, request);
  if (opened.kind !== 'open') return opened;
  const { address, reached } = opened;
  // sshd speaks first, its version line: no TLS handshake, and no HTTP status line.
  if (reached.kind === 'sshd') return { kind: request.scheme === 'https' ? 'tls-mismatch' : 'not-http', address };
  if (reached.speaks !== request.scheme) return { kind: request.scheme === 'https' ? 'tls-mismatch' : 'empty-reply', address };
  return { kind: 'response', address, response: reached.respond(request) };
}

const clientPeer = (instance: InstanceRecord): Peer => ({ ip: instance.privateIpAddress, groupIds: instance.groupIds });

/** The security groups that guard an interface; undefined when none do (a load balancer created without any). */
export function guardingGroups(view: NetworkView, eni: NetworkInterfaceRecord): readonly string[] | undefined {
  const { owner } = eni;
  if (owner.kind === 'vpc-endpoint') return view.ec2.tables.vpcEndpoints.get(owner.id)?.groupIds ?? eni.groupIds;
  if (owner.kind === 'instance') return view.ec2.tables.instances.get(owner.id)?.groupIds ?? eni.groupIds;
  if (owner.kind === 'load-balancer') {
    const groups = view.elbv2.loadBalancers.get(owner.id)?.securityGroupIds ?? [];
    return groups.length > 0 ? groups : undefined;
  }
  return eni.groupIds;
}

function admitted(view: NetworkView, eni: NetworkInterfaceRecord, port: number, source: Peer): boolean {
  const groups = guardingGroups(view, eni);
  return groups === undefined || groupsAllow(view, groups, 'ingress', 'tcp', port, source);
}

/** A flow to an address of the instance's own VPC: the `local` route delivers it to whichever interface holds it. */
function reachPrivate(view: NetworkView, instance: InstanceRecord, address: string, request: TcpFlow): Reached {
  const eni = view.ec2.tables.networkInterfaces.all().find((candidate) => candidate.vpcId === instance.vpcId && candidate.privateIpAddress === address && !candidate.released);
  if (!eni) return TIMEOUT;
  const client = clientPeer(instance);
  const leaves = groupsAllow(view, instance.groupIds, 'egress', 'tcp', request.port, { ip: address, groupIds: guardingGroups(view, eni) ?? [] });
  if (!leaves || !admitted(view, eni, request.port, client)) return TIMEOUT;
  return behindInterface(view, eni, request, client);
}

/** What answers behind an interface the flow was admitted to. */
function behindInterface(view: NetworkView, eni: NetworkInterfaceRecord, request: TcpFlow, client: Peer): Reached {
  const { owner } = eni;
  if (owner.kind === 'instance') return instanceListener(view, view.ec2.tables.instances.get(owner.id), request.port);
  if (owner.kind === 'load-balancer') {
    const loadBalancer = view.elbv2.loadBalancers.get(owner.id);
    return loadBalancer ? forwardThroughLoadBalancer(view, loadBalancer, request, client) : TIMEOUT;
  }
  if (owner.kind === 'vpc-endpoint') {
    const endpoint = view.ec2.tables.vpcEndpoints.get(owner.id);
    return endpoint?.state === 'available' ? behindEndpoint(view, endpoint, eni, request) : TIMEOUT;
  }
  return TIMEOUT;
}

const SERVICE_NAME = /^com\.amazonaws\.([a-z0-9-]+)\.(.+)$/;

/**
 * An interface endpoint to an AWS service answers HTTPS on 443 as the
 * service does; one to an endpoint service carries the flow to the service's
 * Network Load Balancer, whose targets see the balancer's address in the
 * endpoint's zone as the source.
 */
function behindEndpoint(view: NetworkView, endpoint: VpcEndpointRecord, eni: NetworkInterfaceRecord, request: TcpFlow): Reached {
  if (endpoint.endpointServiceId === undefined) {
    const match = SERVICE_NAME.exec(endpoint.serviceName);
    if (!match || request.port !== 443) return TIMEOUT;
    const target: AwsServiceHost = { region: match[1] as string, service: match[2] as string };
    return server('https', ({ path }) => awsEndpointResponse(target, path, view.clock.now()));
  }
  const service = view.ec2.tables.endpointServices.get(endpoint.endpointServiceId);
  if (service?.serviceState !== 'Available') return TIMEOUT;
  const balancers = service.networkLoadBalancerArns.map((arn) => view.elbv2.loadBalancers.get(arn)).filter((lb) => lb?.state === 'active');
  const loadBalancer = balancers[request.flow % Math.max(balancers.length, 1)];
  if (!loadBalancer) return TIMEOUT;
  const nodes = interfacesOf(view, loadBalancer.networkInterfaceIds);
  const node = nodes.find((candidate) => candidate.availabilityZone === eni.availabilityZone) ?? nodes[0];
  if (!node) return TIMEOUT;
  return forwardThroughLoadBalancer(view, loadBalancer, request, { ip: node.privateIpAddress, groupIds: loadBalancer.securityGroupIds });
}

/**
 * A flow to an address outside the VPC: an AWS service's public endpoint, or
 * a public address of an instance or internet-facing load balancer. It needs
 * a route out (a gateway endpoint for S3/DynamoDB, or the internet) and the
 * instance's egress rules (which may name the address's prefix list);
 * anything else on the internet is unknown here and never answers.
 */
function reachPublic(view: NetworkView, instance: InstanceRecord, address: string, request: TcpFlow): Reached {
  const target = awsServiceHost(request.host);
  const service = target && publicAddressOf(request.host) === address ? target : undefined;
  const route = publicRoute(view, instance, address);
  if (route.kind === 'none') return TIMEOUT;
  const destination: Peer = { ip: address, groupIds: [], prefixListIds: prefixListsHolding(instance.region, address) };
  if (!groupsAllow(view, instance.groupIds, 'egress', 'tcp', request.port, destination)) return TIMEOUT;
  if (service) {
    if (request.port !== 80 && request.port !== 443) return TIMEOUT;
    return server(request.port === 443 ? 'https' : 'http', ({ path }) => awsEndpointResponse(service, path, view.clock.now()));
  }
  const eni = view.ec2.tables.networkInterfaces.all().find((candidate) => candidate.publicIp === address && !candidate.released);
  if (!eni || route.kind !== 'internet') return TIMEOUT;
  const source: Peer = { ip: route.sourceIp, groupIds: [] };
  return admitted(view, eni, request.port, source) ? behindInterface(view, eni, request, source) : TIMEOUT;
}
