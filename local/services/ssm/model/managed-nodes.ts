import { isOnline } from './ssm-agents';
import type { InstanceRecord } from '../../ec2/model/ec2-records';
import type { SsmContext } from './ssm-context';

/**
 * The region's managed nodes: EC2 instances whose agent is online now
 * (started at a ping that got through, and SSM still reachable), so a node
 * appears and disappears as endpoints and routes come and go.
 */
export function managedNodes(context: SsmContext, region: string): InstanceRecord[] {
  return context.network.ec2.tables.instances
    .all()
    .filter((instance) => instance.region === region && isOnline(context, instance))
    .sort((a, b) => a.launchTime - b.launchTime || a.id.localeCompare(b.id));
}
