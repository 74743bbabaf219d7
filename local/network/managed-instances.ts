import type { InstanceRecord } from '../services/ec2/model/ec2-records';
import { connect } from './connections';
import type { NetworkView } from './network-view';

/** The endpoints SSM Agent must reach over HTTPS to be a managed node (Systems Manager User Guide, "Reaching Systems Manager"). */
export const SSM_AGENT_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'] as const;
export type SsmAgentService = (typeof SSM_AGENT_SERVICES)[number];

/** How an HTTPS connection from the agent fares: through, dropped on the way (it waits for its timeout), or failed at once. */
export type Reach = 'reached' | 'timed-out' | 'failed';

/**
 * Whether the instance reaches the given SSM endpoints over HTTPS through what
 * is built now (an internet route with a public address, or interface
 * endpoints with private DNS whose security groups admit it); the worst
 * outcome of them. Pure: the answer follows the network as it is now.
 */
export function systemsManagerReach(view: NetworkView, instance: InstanceRecord, ...services: SsmAgentService[]): Reach {
  const outcomes = (services.length > 0 ? services : SSM_AGENT_SERVICES).map((service): Reach => {
    const request = { host: `${service}.${instance.region}.amazonaws.com`, port: 443, scheme: 'https' as const, path: '/', flow: 0 };
    const { kind } = connect(view, instance, request);
    if (kind === 'response') return 'reached';
    return kind === 'timeout' || kind === 'resolver-unreachable' ? 'timed-out' : 'failed';
  });
  return outcomes.find((outcome) => outcome === 'timed-out') ?? outcomes.find((outcome) => outcome === 'failed') ?? 'reached';
}
