import { isOnline } from '../../../network/managed-instances';
import type { InstanceRecord } from '../../ec2/model/ec2-records';
import type { SsmContext } from './ssm-context';

/**
 * The region's managed nodes: EC2 instances whose agent is online now. The
 * network model decides (running, agent started, SSM reachable), so a node
 * appears and disappears as endpoints and routes come and go.
 */
export function managedNodes(context: SsmContext, region: string): InstanceRecord[] {
  return context.network.ec2.tables.instances
    .all()
    .filter((instance) => instance.region === region && isOnline(context.network, instance))
    .sort((a, b) => a.launchTime - b.launchTime || a.id.localeCompare(b.id));
}
