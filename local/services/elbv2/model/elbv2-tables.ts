import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord } from './elbv2-records';

export interface Elbv2Tables {
  readonly loadBalancers: Table<LoadBalancerRecord>;
  readonly targetGroups: Table<TargetGroupRecord>;
  readonly listeners: Table<ListenerRecord>;
}

export const elbv2Tables = (store: CloudStore): Elbv2Tables => ({
  loadBalancers: store.table('elbv2.loadBalancers'),
  targetGroups: store.table('elbv2.targetGroups'),
  listeners: store.table('elbv2.listeners'),
});
