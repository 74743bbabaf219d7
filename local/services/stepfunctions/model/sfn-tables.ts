import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { ExecutionRecord, HistoryRecord } from './sfn-records';

export interface SfnTables {
  readonly executions: Table<ExecutionRecord>;
  readonly histories: Table<HistoryRecord>;
}

export const sfnTables = (store: CloudStore): SfnTables => ({
  executions: store.table('states.executions'),
  histories: store.table('states.histories'),
});
