import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { AgentRecord, CommandRecord, InvocationRecord } from './ssm-records';

export interface SsmTables {
  readonly commands: Table<CommandRecord>;
  readonly invocations: Table<InvocationRecord>;
  readonly agents: Table<AgentRecord>;
}

const INVOCATIONS = 'ssm.invocations';

export const ssmTables = (store: CloudStore): SsmTables => ({
  commands: store.table('ssm.commands'),
  invocations: store.table(INVOCATIONS),
  agents: store.table('ssm.agents'),
});

/**
 * How many invocations have been sent (none is ever deleted), counted without
 * listing them: SendCommand asks on every call, and its cost must not grow
 * with the command history.
 */
export const invocationCount = (store: CloudStore): number => store.rowsOf(INVOCATIONS).size;
