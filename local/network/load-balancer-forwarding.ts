import type { InstanceRecord } from '../services/ec2/model/ec2-records';
import type { LoadBalancerRecord } from '../services/elbv2/model/elbv2-records';
import { servingTargetsOf } from '../services/elbv2/model/target-health';
import { webPageResponse } from './http-responses';
import type { NetworkView } from './network-view';
import { type Reached, REFUSED, server, type TcpFlow, TIMEOUT } from './reached-server';
import { SSH_PORT, sshdListening } from './sshd';
import { groupsAllow, type Peer } from './security-group-rules';

/** What answers on an instance's port: sshd on 22 once it has started, its web page on 80 when it serves one, a reset anywhere else. */
export function instanceListener(view: NetworkView, instance: InstanceRecord | undefined, port: number): Reached {
  if (instance?.state !== 'running') return TIMEOUT;
  if (port === SSH_PORT && sshdListening(view, instance)) return { kind: 'sshd', instance };
  const page = instance.webPage;
  if (port !== 80 || page === undefined) return REFUSED;
  return server('http', () => webPageResponse(page, view.clock.now()));
}

/**
 * A flow arriving at a Network Load Balancer: its TCP listener on the port
 * hands it to one of the targets ELBv2 would use (healthy ones, or all
 * failing ones when none is healthy), spread by the flow. The target sees
 * `source` (the client for flows inside the VPC, the load balancer's own
 * address for PrivateLink flows) and must admit it in its security groups.
 */
export function forwardThroughLoadBalancer(view: NetworkView, loadBalancer: LoadBalancerRecord, request: TcpFlow, source: Peer): Reached {
  if (loadBalancer.state !== 'active') return TIMEOUT;
  const targets = servingTargetsOf(view.ec2.runtime, loadBalancer.id, request.port);
  const target = targets[request.flow % Math.max(targets.length, 1)];
  if (!target || !groupsAllow(view, target.instance.groupIds, 'ingress', 'tcp', target.port, source)) return TIMEOUT;
  return instanceListener(view, target.instance, target.port);
}
