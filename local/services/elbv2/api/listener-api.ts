import type {
  Action,
  CreateListenerInput,
  CreateListenerOutput,
  DeleteListenerInput,
  DescribeListenersInput,
  DescribeListenersOutput,
  Listener,
  ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RequestContext } from '../../../protocol/http-answer';
import type { InputModel } from '../../../protocol/modelled-input';
import { ServiceError, UnmodelledParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Elbv2Context, requireArns } from '../model/elbv2-context';
import { listenerNotFound, listenersNotFound, missingMember, notInEnum, requireMember, requireRange, UNMODELLED_PARAMETER_CODE, validationError } from '../model/elbv2-errors';
import type { ListenerRecord } from '../model/elbv2-records';
import { tagsFromWire } from '../model/elbv2-tags';
import { createListener, deleteListener } from '../model/listeners';
import { listenersOf } from '../model/target-group-usage';
import { elbv2Page, requireAtMost20 } from './elbv2-page';
import { requireLoadBalancer, requireTargetGroup } from './elbv2-lookups';
import { TAGS } from './modelled-members';

export const toListener = (listener: ListenerRecord): Listener => ({
  ListenerArn: listener.id,
  LoadBalancerArn: listener.loadBalancerArn,
  Port: listener.port,
  Protocol: listener.protocol as ProtocolEnum,
  DefaultActions: [
    {
      Type: 'forward',
      TargetGroupArn: listener.targetGroupArn,
      ForwardConfig: { TargetGroups: [{ TargetGroupArn: listener.targetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    },
  ],
});

/** NLB listener protocols; TLS would need certificates from ACM, which this cloud does not serve. */
const LISTENER_PROTOCOLS = ['TCP', 'UDP', 'TCP_UDP'];

function requireListenerProtocol(protocol: string | undefined): string {
  if (protocol === undefined) throw validationError('A protocol must be specified');
  if (protocol === 'TLS') throw new ServiceError('UnsupportedProtocol', 'TLS listeners need certificates from ACM, which this local cloud does not serve: use TCP');
  if (!LISTENER_PROTOCOLS.includes(protocol)) throw notInEnum('protocol', protocol, LISTENER_PROTOCOLS);
  return protocol;
}

/** The configurations of the action types an NLB refuses: `forwardTarget` refuses them with their type, or on a `forward` action. */
const OTHER_TYPES_CONFIGURATIONS = ['AuthenticateOidcConfig', 'AuthenticateCognitoConfig', 'RedirectConfig', 'FixedResponseConfig', 'JwtValidationConfig'] as const satisfies readonly (keyof Action)[];

/** What `forwardTarget` reads of the default actions: the type, the one target group by either of its two names, and the other types' configurations it refuses. */
const FORWARD_ACTIONS: InputModel<Action> = {
  Type: true,
  TargetGroupArn: true,
  ForwardConfig: { TargetGroups: { TargetGroupArn: true } },
  AuthenticateOidcConfig: true,
  AuthenticateCognitoConfig: true,
  RedirectConfig: true,
  FixedResponseConfig: true,
  JwtValidationConfig: true,
};

/** An NLB's one default action: forward to a single target group, by `TargetGroupArn` or a one-group `ForwardConfig`. */
function forwardTarget(actions: readonly Action[] | undefined): string {
  if (!actions || actions.length === 0) throw missingMember('defaultActions');
  if (actions.length > 1) throw new ServiceError('TooManyActions', 'A Network Load Balancer listener takes exactly one default action');
  const [action] = actions as [Action];
  if (action.Type !== 'forward') {
    throw new ServiceError('InvalidLoadBalancerAction', `Action type '${String(action.Type)}' is not supported for Network Load Balancers: use 'forward'`);
  }
  // What ELBv2 makes of a forward action that also carries another type's configuration is not documented; it is not modelled.
  const foreign = OTHER_TYPES_CONFIGURATIONS.find((member) => action[member] !== undefined);
  if (foreign) throw new UnmodelledParameter(UNMODELLED_PARAMETER_CODE, 'CreateListener', { parameter: `DefaultActions[0].${foreign}` });
  const groups = action.ForwardConfig?.TargetGroups ?? [];
  if (groups.length > 1) throw new ServiceError('InvalidLoadBalancerAction', 'A Network Load Balancer listener forwards to exactly one target group');
  const arn = action.TargetGroupArn ?? groups[0]?.TargetGroupArn;
  if (!arn) throw validationError('A target group ARN must be specified');
  if (action.TargetGroupArn && groups[0]?.TargetGroupArn && groups[0].TargetGroupArn !== action.TargetGroupArn) {
    throw validationError('TargetGroupArn and ForwardConfig name different target groups');
  }
  return arn;
}

export function listenerOperations(context: Elbv2Context): Record<string, Operation> {
  return {
    CreateListener: operation(
      { LoadBalancerArn: true, Protocol: true, Port: true, DefaultActions: FORWARD_ACTIONS, Tags: TAGS },
      (input: CreateListenerInput, request: RequestContext): CreateListenerOutput => {
        const balancer = requireLoadBalancer(context, request.region, input.LoadBalancerArn);
        const protocol = requireListenerProtocol(input.Protocol);
        const port = requireMember(input.Port, 'port');
        requireRange('port', port, 1, 65535);
        const group = requireTargetGroup(context, request.region, forwardTarget(input.DefaultActions));
        const listener = createListener(context, balancer, group, { protocol, port, tags: tagsFromWire(input.Tags) });
        return { Listeners: [toListener(listener)] };
      },
    ),

    DescribeListeners: operation(
      { LoadBalancerArn: true, ListenerArns: true, Marker: true, PageSize: true },
      (input: DescribeListenersInput, request: RequestContext): DescribeListenersOutput => {
        const arns = requireAtMost20('listenerArns', input.ListenerArns);
        if (input.LoadBalancerArn === undefined && arns.length === 0) throw validationError('You must specify either listener ARNs or a load balancer ARN');
        if (input.LoadBalancerArn !== undefined && arns.length > 0) throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
        const listeners =
          arns.length > 0
            ? requireArns(context, context.tables.listeners, request.region, arns, listenersNotFound)
            : listenersOf(context, requireLoadBalancer(context, request.region, input.LoadBalancerArn).id);
        const page = elbv2Page(listeners, input, 'DescribeListeners');
        return { Listeners: page.items.map(toListener), NextMarker: page.nextMarker };
      },
    ),

    DeleteListener: operation(
      { ListenerArn: true },
      (input: DeleteListenerInput, request: RequestContext): Record<string, never> => {
        const arn = requireMember(input.ListenerArn, 'listenerArn');
        const [listener] = requireArns(context, context.tables.listeners, request.region, [arn], listenerNotFound);
        deleteListener(context, listener as ListenerRecord);
        return {};
      },
    ),
  };
}
