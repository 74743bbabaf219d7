import type { CloudRuntime } from '../cloud/cloud-runtime';
import type { Clock } from '../cloud/clock';
import type { Table } from '../cloud/cloud-store';
import { type PushedKeyRecord, pushedKeysTable } from '../services/ec2instanceconnect/model/pushed-keys';
import { type Ec2Context, ec2Context } from '../services/ec2/model/ec2-context';
import type { InstanceRecord, NetworkInterfaceRecord, VpcRecord } from '../services/ec2/model/ec2-records';
import { elbv2Tables, type Elbv2Tables } from '../services/elbv2/model/elbv2-tables';

/**
 * What the network model reads: the stored EC2 and ELBv2 records and the
 * clock. The model only reads; it never changes the cloud.
 */
export interface NetworkView {
  readonly ec2: Ec2Context;
  readonly elbv2: Elbv2Tables;
  readonly clock: Clock;
  /** The keys EC2 Instance Connect pushed, which each instance's metadata lists for its sshd. */
  readonly pushedKeys: Table<PushedKeyRecord>;
}

export const networkView = (runtime: CloudRuntime): NetworkView => ({
  ec2: ec2Context(runtime),
  elbv2: elbv2Tables(runtime.store),
  clock: runtime.clock,
  pushedKeys: pushedKeysTable(runtime.store),
});

export const vpcOf = (view: NetworkView, instance: InstanceRecord): VpcRecord | undefined => view.ec2.tables.vpcs.get(instance.vpcId);

/** The network interfaces of one owner (endpoint, load balancer) that still exist, in the owner's order. */
export const interfacesOf = (view: NetworkView, ids: readonly string[]): NetworkInterfaceRecord[] =>
  ids.map((id) => view.ec2.tables.networkInterfaces.get(id)).filter((eni): eni is NetworkInterfaceRecord => eni !== undefined);
