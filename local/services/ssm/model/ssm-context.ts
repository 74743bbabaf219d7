import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import { type NetworkView, networkView } from '../../../network/network-view';
import { ssmTables, type SsmTables } from './ssm-tables';

/** What every SSM model function works on: the runtime, SSM's tables and the network model it asks about instances. */
export interface SsmContext {
  readonly runtime: CloudRuntime;
  readonly tables: SsmTables;
  readonly network: NetworkView;
}

export const ssmContext = (runtime: CloudRuntime): SsmContext => ({ runtime, tables: ssmTables(runtime.store), network: networkView(runtime) });
