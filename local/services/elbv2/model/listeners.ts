import type { Tags } from '../../../cloud/tags';
import { ServiceError } from '../../../protocol/service-error';
import { type Elbv2Context, recordBase } from './elbv2-context';
import { loadBalancerNotFound, validationError } from './elbv2-errors';
import { listenerArn, newArnSuffix } from './elbv2-names';
import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord } from './elbv2-records';
import { listenersOf, loadBalancersUsing } from './target-group-usage';
import { startHealthChecks, stopHealthChecks } from './targets';

export interface ListenerSpec {
  readonly protocol: string;
  readonly port: number;
  readonly tags: Tags;
}

/**
 * A listener forwarding `spec.port` of an NLB to one target group. As in
 * ELBv2, the same listener asked for again is returned as it is; another one
 * on a port already taken is refused. An NLB's target group serves only one
 * load balancer, and must be in its VPC and speak the listener's protocol.
 */
export function createListener(context: Elbv2Context, balancer: LoadBalancerRecord, group: TargetGroupRecord, spec: ListenerSpec): ListenerRecord {
  if (balancer.deleting) throw loadBalancerNotFound(balancer.id);
  const onPort = listenersOf(context, balancer.id).find((listener) => listener.port === spec.port);
  if (onPort) {
    if (onPort.protocol === spec.protocol && onPort.targetGroupArn === group.id) return onPort;
    throw new ServiceError('DuplicateListener', `A listener already exists on this port for this load balancer '${balancer.id}'`);
  }
  if (loadBalancersUsing(context, group.id).some((other) => other.id !== balancer.id)) {
    throw new ServiceError('TargetGroupAssociationLimit', `The following target groups cannot be associated with more than one load balancer: ${group.id}`);
  }
  if (group.vpcId !== balancer.vpcId) {
    throw validationError(`The target group '${group.id}' is in VPC '${group.vpcId}', not in the load balancer's VPC '${balancer.vpcId}'`);
  }
  if (group.protocol !== spec.protocol) {
    throw new ServiceError('IncompatibleProtocols', `The listener protocol '${spec.protocol}' is not compatible with the protocol '${group.protocol}' of target group '${group.id}'`);
  }
  const listener: ListenerRecord = {
    ...recordBase(context, listenerArn(balancer.id, newArnSuffix()), balancer.region, spec.tags),
    loadBalancerArn: balancer.id,
    protocol: spec.protocol,
    port: spec.port,
    targetGroupArn: group.id,
  };
  context.tables.listeners.put(listener);
  startHealthChecks(context, group);
  return listener;
}

/** Removes a listener; a target group it alone sent traffic to stops being health-checked. */
export function deleteListener(context: Elbv2Context, listener: ListenerRecord): void {
  context.tables.listeners.delete(listener.id);
  const group = context.tables.targetGroups.get(listener.targetGroupArn);
  if (group) stopHealthChecks(context, group);
}
