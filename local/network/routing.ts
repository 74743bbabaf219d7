import { awsPrefixLists } from '../services/ec2/model/aws-prefix-lists';
import type { InstanceRecord, RouteRecord } from '../services/ec2/model/ec2-records';
import { routesOf } from '../services/ec2/model/routes';
import { routeTableOfSubnet } from '../services/ec2/model/route-tables';
import { ipInCidr, parseCidr } from '../cloud/cidr';
import type { NetworkView } from './network-view';

/** How a flow from an instance to a public address leaves the VPC, if it can. */
export type PublicRoute =
  | { readonly kind: 'gateway-endpoint' }
  | { readonly kind: 'internet'; readonly sourceIp: string }
  | { readonly kind: 'none' };

/** The AWS-managed prefix lists of the instance's region that hold `address` (S3's or DynamoDB's ranges). */
export const prefixListsHolding = (region: string, address: string): string[] =>
  awsPrefixLists(region)
    .filter((list) => list.cidrs.some((cidr) => ipInCidr(address, parseCidr(cidr))))
    .map((list) => list.id);

/** How specific a route is for `address`: its prefix length, or undefined when it does not cover the address. */
function specificity(route: RouteRecord, region: string, address: string): number | undefined {
  const blocks = route.destinationCidrBlock !== undefined ? [route.destinationCidrBlock] : (awsPrefixLists(region).find((list) => list.id === route.destinationPrefixListId)?.cidrs ?? []);
  const covering = blocks.map((block) => parseCidr(block)).filter((cidr) => ipInCidr(address, cidr));
  return covering.length > 0 ? Math.max(...covering.map((cidr) => cidr.prefix)) : undefined;
}

/**
 * The route a flow to `address` takes from the instance's subnet: the most
 * specific active route of the subnet's table (a gateway endpoint's
 * prefix-list route is more specific than a default route). An endpoint's
 * route carries traffic once the endpoint is available; an internet
 * gateway's only for an instance with a public address.
 */
export function publicRoute(view: NetworkView, instance: InstanceRecord, address: string): PublicRoute {
  const table = routeTableOfSubnet(view.ec2, instance.vpcId, instance.subnetId);
  let best: { route: RouteRecord; prefix: number } | undefined;
  for (const route of table ? routesOf(view.ec2, table) : []) {
    const prefix = route.state === 'active' ? specificity(route, instance.region, address) : undefined;
    if (prefix !== undefined && (!best || prefix > best.prefix)) best = { route, prefix };
  }
  const target = best?.route.gatewayId ?? '';
  if (target.startsWith('vpce-')) return view.ec2.tables.vpcEndpoints.get(target)?.state === 'available' ? { kind: 'gateway-endpoint' } : { kind: 'none' };
  if (target.startsWith('igw-') && instance.publicIpAddress) return { kind: 'internet', sourceIp: instance.publicIpAddress };
  return { kind: 'none' };
}
