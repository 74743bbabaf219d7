import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { AgentRecord, CommandRecord, InvocationRecord } from './ssm-records';

export interface SsmTables {
  readonly commands: Table<CommandRecord>;
  readonly invocations: Table<InvocationRecord>;
  readonly agents: Table<AgentRecord>;
}

export const ssmTables = (store: CloudStore): SsmTables => ({
  commands: store.table('ssm.commands'),
  invocations: store.table('ssm.invocations'),
  agents: store.table('ssm.agents'),
});
