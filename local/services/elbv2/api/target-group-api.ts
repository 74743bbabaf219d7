import {
  type CreateTargetGroupInput,
  type CreateTargetGroupOutput,
  type DeleteTargetGroupInput,
  type DescribeTargetGroupsInput,
  type DescribeTargetGroupsOutput,
  ProtocolEnum,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Elbv2Context, inRegion, requireArns } from '../model/elbv2-context';
import { notInEnum, notServedLocally, requireMember, requireRange, targetGroupsNotFound, validationError } from '../model/elbv2-errors';
import { resourceKindOf, validateName } from '../model/elbv2-names';
import type { TargetGroupRecord } from '../model/elbv2-records';
import { tagsFromWire } from '../model/elbv2-tags';
import { loadBalancersUsing, targetGroupsBehind } from '../model/target-group-usage';
import { createTargetGroup, deleteTargetGroup } from '../model/target-groups';
import { elbv2Page, requireAtMost20 } from './elbv2-page';
import { requireLoadBalancer, requireNamed } from './elbv2-lookups';
import { healthCheckOf } from './health-check-settings';
import { TAGS } from './modelled-members';

export function toTargetGroup(context: Elbv2Context, group: TargetGroupRecord): TargetGroup {
  return {
    TargetGroupArn: group.id,
    TargetGroupName: group.name,
    Protocol: group.protocol as ProtocolEnum,
    Port: group.port,
    VpcId: group.vpcId,
    HealthCheckProtocol: group.healthCheckProtocol as ProtocolEnum,
    HealthCheckPort: group.healthCheckPort,
    HealthCheckEnabled: group.healthCheckEnabled,
    HealthCheckIntervalSeconds: group.healthCheckIntervalSeconds,
    HealthCheckTimeoutSeconds: group.healthCheckTimeoutSeconds,
    HealthyThresholdCount: group.healthyThresholdCount,
    UnhealthyThresholdCount: group.unhealthyThresholdCount,
    HealthCheckPath: group.healthCheckPath,
    Matcher: group.matcher === undefined ? undefined : { HttpCode: group.matcher },
    LoadBalancerArns: loadBalancersUsing(context, group.id).map((balancer) => balancer.id),
    TargetType: group.targetType,
    IpAddressType: 'ipv4',
  };
}

/** What an NLB forwards; ALB (HTTP, HTTPS), GWLB (GENEVE) and QUIC groups are not served here. */
const NLB_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'TCP_UDP', 'TLS'];
const ALL_PROTOCOLS = Object.values(ProtocolEnum);
const TARGET_TYPES = ['instance', 'ip', 'lambda', 'alb'];

function requireProtocol(protocol: string | undefined): string {
  if (protocol === undefined) throw validationError('A protocol must be specified');
  if (!(ALL_PROTOCOLS as string[]).includes(protocol)) throw notInEnum('protocol', protocol, ALL_PROTOCOLS);
  if (!NLB_PROTOCOLS.includes(protocol)) {
    throw new ServiceError('UnsupportedProtocol', `Protocol '${protocol}' is not supported by this local cloud, which serves Network Load Balancers (${NLB_PROTOCOLS.join(', ')})`);
  }
  return protocol;
}

function requireTargetType(type: string | undefined): TargetGroupRecord['targetType'] {
  if (type === undefined || type === 'instance' || type === 'ip') return type ?? 'instance';
  if (!TARGET_TYPES.includes(type)) throw notInEnum('targetType', type, TARGET_TYPES);
  throw notServedLocally(`Target type '${type}'`);
}

export function targetGroupOperations(context: Elbv2Context): Record<string, Operation> {
  return {
    CreateTargetGroup: operation(
      {
        Name: true,
        Protocol: true,
        ProtocolVersion: true,
        Port: true,
        VpcId: true,
        TargetType: true,
        HealthCheckProtocol: true,
        HealthCheckPort: true,
        HealthCheckEnabled: true,
        HealthCheckPath: true,
        HealthCheckIntervalSeconds: true,
        HealthCheckTimeoutSeconds: true,
        HealthyThresholdCount: true,
        UnhealthyThresholdCount: true,
        Matcher: { HttpCode: true },
        Tags: TAGS,
        IpAddressType: ['ipv4'],
      },
      (input: CreateTargetGroupInput, request: RequestContext): CreateTargetGroupOutput => {
        const name = requireMember(input.Name, 'name');
        validateName(name, 'Target group');
        const targetType = requireTargetType(input.TargetType);
        const protocol = requireProtocol(input.Protocol);
        if (input.Port === undefined) throw validationError('A port must be specified');
        requireRange('port', input.Port, 1, 65535);
        if (!input.VpcId) throw validationError('A VPC ID must be specified');
        if (input.ProtocolVersion !== undefined) throw validationError('A protocol version can be specified only for HTTP and HTTPS target groups');
        const group = createTargetGroup(context, request.region, {
          name,
          protocol,
          port: input.Port,
          vpcId: input.VpcId,
          targetType,
          ...healthCheckOf(input, protocol),
          tags: tagsFromWire(input.Tags),
        });
        return { TargetGroups: [toTargetGroup(context, group)] };
      },
    ),

    DescribeTargetGroups: operation(
      { LoadBalancerArn: true, TargetGroupArns: true, Names: true, Marker: true, PageSize: true },
      (input: DescribeTargetGroupsInput, request: RequestContext): DescribeTargetGroupsOutput => {
        const arns = requireAtMost20('targetGroupArns', input.TargetGroupArns);
        const names = requireAtMost20('names', input.Names);
        if ([input.LoadBalancerArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length > 1) {
          throw validationError('Only one of load balancer ARN, target group ARNs and target group names can be specified');
        }
        const all = inRegion(context.tables.targetGroups, request.region);
        let chosen = all;
        if (input.LoadBalancerArn !== undefined) chosen = targetGroupsBehind(context, requireLoadBalancer(context, request.region, input.LoadBalancerArn).id);
        if (arns.length > 0) chosen = requireArns(context, context.tables.targetGroups, request.region, arns, targetGroupsNotFound);
        if (names.length > 0) chosen = requireNamed(all, names, (unknown) => new ServiceError('TargetGroupNotFound', `Target groups '[${unknown.join(', ')}]' not found`));
        const page = elbv2Page(chosen, input, 'DescribeTargetGroups');
        return { TargetGroups: page.items.map((group) => toTargetGroup(context, group)), NextMarker: page.nextMarker };
      },
    ),

    DeleteTargetGroup: operation(
      { TargetGroupArn: true },
      (input: DeleteTargetGroupInput, request: RequestContext): Record<string, never> => {
        const arn = requireMember(input.TargetGroupArn, 'targetGroupArn');
        if (resourceKindOf(arn) !== 'targetgroup') throw validationError(`'${arn}' is not a valid target group ARN`);
        const group = context.tables.targetGroups.get(arn);
        // Like DeleteLoadBalancer, deleting a target group that does not exist succeeds.
        if (group?.region === request.region) deleteTargetGroup(context, group);
        return {};
      },
    ),
  };
}
