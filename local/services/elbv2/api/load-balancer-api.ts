import type {
  CreateLoadBalancerInput,
  CreateLoadBalancerOutput,
  DeleteLoadBalancerInput,
  DescribeLoadBalancersInput,
  DescribeLoadBalancersOutput,
  LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Elbv2Context, inRegion, requireArns } from '../model/elbv2-context';
import { invalidConfiguration, loadBalancersNotFound, notInEnum, requireMember, validationError } from '../model/elbv2-errors';
import { resourceKindOf, validateName } from '../model/elbv2-names';
import type { LoadBalancerRecord } from '../model/elbv2-records';
import { tagsFromWire } from '../model/elbv2-tags';
import { createLoadBalancer, deleteLoadBalancer } from '../model/load-balancers';
import { elbv2Page, requireAtMost20 } from './elbv2-page';
import { requireNamed } from './elbv2-lookups';
import { TAGS } from './modelled-members';

export function toLoadBalancer(context: Elbv2Context, balancer: LoadBalancerRecord): LoadBalancer {
  const securityGroups = balancer.securityGroupIds.length > 0 ? balancer.securityGroupIds : undefined;
  return {
    LoadBalancerArn: balancer.id,
    DNSName: balancer.dnsName,
    CanonicalHostedZoneId: balancer.canonicalHostedZoneId,
    CreatedTime: new Date(balancer.createdAt),
    LoadBalancerName: balancer.name,
    Scheme: balancer.scheme,
    VpcId: balancer.vpcId,
    State: { Code: balancer.state },
    Type: balancer.type,
    AvailabilityZones: balancer.subnetIds.map((subnetId) => ({
      ZoneName: context.ec2.tables.subnets.get(subnetId)?.availabilityZone,
      SubnetId: subnetId,
      // Empty for AWS-assigned addresses: ELBv2 lists only Elastic IPs and chosen private addresses here.
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: securityGroups,
    IpAddressType: 'ipv4',
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: securityGroups ? 'on' : undefined,
  };
}

const SCHEMES = ['internet-facing', 'internal'] as const;
const TYPES = ['application', 'network', 'gateway'];

/** Only NLBs are served here; ELBv2 itself makes an Application Load Balancer when `Type` is omitted. */
function requireNetworkType(type: string | undefined): void {
  if (type === 'network') return;
  if (type === undefined) throw invalidConfiguration("This local cloud serves Network Load Balancers only: pass Type 'network' (without it, ELBv2 makes an Application Load Balancer)");
  if (!TYPES.includes(type)) throw notInEnum('type', type, TYPES);
  throw invalidConfiguration(`Load balancer type '${type}' is not supported by this local cloud, which serves Network Load Balancers only (Type 'network')`);
}

/** The subnets asked for, by `Subnets` or by `SubnetMappings` (one or the other). */
function subnetIdsOf(input: CreateLoadBalancerInput): string[] {
  const subnets = input.Subnets ?? [];
  const mappings = input.SubnetMappings ?? [];
  if (subnets.length > 0 && mappings.length > 0) throw validationError('You can specify subnets or subnet mappings, but not both');
  if (subnets.length === 0 && mappings.length === 0) throw validationError('You must specify either subnets or subnet mappings');
  return subnets.length > 0 ? subnets : mappings.map((mapping) => requireMember(mapping.SubnetId, 'subnetMappings.member.subnetId'));
}

export function loadBalancerOperations(context: Elbv2Context): Record<string, Operation> {
  return {
    CreateLoadBalancer: operation(
      {
        Name: true,
        Type: true,
        Scheme: true,
        Subnets: true,
        // Node addresses are AWS-assigned here: choosing them (AllocationId, PrivateIPv4Address, …) is not modelled.
        SubnetMappings: { SubnetId: true },
        SecurityGroups: true,
        Tags: TAGS,
        IpAddressType: ['ipv4'],
      },
      (input: CreateLoadBalancerInput, request: RequestContext): CreateLoadBalancerOutput => {
        const name = requireMember(input.Name, 'name');
        validateName(name, 'Load balancer');
        requireNetworkType(input.Type);
        const scheme = input.Scheme ?? 'internet-facing';
        if (!SCHEMES.includes(scheme)) throw notInEnum('scheme', scheme, SCHEMES);
        const balancer = createLoadBalancer(context, request.region, {
          name,
          scheme,
          subnetIds: subnetIdsOf(input),
          securityGroupIds: input.SecurityGroups ?? [],
          tags: tagsFromWire(input.Tags),
        });
        return { LoadBalancers: [toLoadBalancer(context, balancer)] };
      },
    ),

    DescribeLoadBalancers: operation(
      { LoadBalancerArns: true, Names: true, Marker: true, PageSize: true },
      (input: DescribeLoadBalancersInput, request: RequestContext): DescribeLoadBalancersOutput => {
        const arns = requireAtMost20('loadBalancerArns', input.LoadBalancerArns);
        const names = requireAtMost20('names', input.Names);
        if (arns.length > 0 && names.length > 0) throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
        const all = inRegion(context.tables.loadBalancers, request.region);
        const chosen =
          arns.length > 0
            ? requireArns(context, context.tables.loadBalancers, request.region, arns, loadBalancersNotFound)
            : names.length > 0
              ? requireNamed(all.filter((balancer) => !balancer.deleting), names, (unknown) => new ServiceError('LoadBalancerNotFound', `Load balancers '[${unknown.join(', ')}]' not found`))
              : all;
        const page = elbv2Page(chosen, input, 'DescribeLoadBalancers');
        return { LoadBalancers: page.items.map((balancer) => toLoadBalancer(context, balancer)), NextMarker: page.nextMarker };
      },
    ),

    DeleteLoadBalancer: operation(
      { LoadBalancerArn: true },
      (input: DeleteLoadBalancerInput, request: RequestContext): Record<string, never> => {
        const arn = requireMember(input.LoadBalancerArn, 'loadBalancerArn');
        if (resourceKindOf(arn) !== 'loadbalancer') throw validationError(`'${arn}' is not a valid load balancer ARN`);
        const balancer = context.tables.loadBalancers.get(arn);
        // ELBv2 answers success for a load balancer that does not exist or is already deleted.
        if (balancer?.region === request.region) deleteLoadBalancer(context, balancer);
        return {};
      },
    ),
  };
}
