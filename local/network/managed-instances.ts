import { awsSeconds } from '../cloud/latency-profile';
import type { InstanceRecord } from '../services/ec2/model/ec2-records';
import { connect } from './connections';
import type { NetworkView } from './network-view';

/** The endpoints SSM Agent must reach over HTTPS to be a managed node (Systems Manager User Guide, "Reaching Systems Manager"). */
export const SSM_AGENT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'] as const;

/**
 * Whether SSM Agent on the instance is registered and pinging (`Online`):
 * the instance is running, the agent has had time to start after boot, and
 * it reaches every SSM endpoint over HTTPS through what is built (an internet
 * route with a public address, or interface endpoints with private DNS whose
 * security groups admit it). Pure: the answer follows the network as it is now.
 */
export function isOnline(view: NetworkView, instance: InstanceRecord): boolean {
  if (instance.state !== 'running') return false;
  const agentUpAt = instance.launchTime + view.clock.scaled(awsSeconds('instanceRunning') + awsSeconds('ssmAgentOnline'));
  if (view.clock.now() < agentUpAt) return false;
  return SSM_AGENT_SERVICES.every((service) => {
    const request = { host: `${service}.${instance.region}.amazonaws.com`, port: 443, scheme: 'https' as const, path: '/', flow: 0 };
    return connect(view, instance, request).kind === 'response';
  });
}
