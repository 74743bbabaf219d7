import type { AppendLog } from '../../../cloud/append-log';
import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { ExecutionRecord, StoredHistoryEvent } from './sfn-records';

export interface SfnTables {
  readonly executions: Table<ExecutionRecord>;
  /** Each execution's history events under its ARN, appended and never rewritten. */
  readonly histories: AppendLog<StoredHistoryEvent>;
}

export const HISTORY_LOG = 'states.history';
/** Where `state.json` (before the SQLite database) kept each history, as one record with all its events. */
export const LEGACY_HISTORY_TABLE = 'states.histories';

export const sfnTables = (store: CloudStore): SfnTables => ({
  executions: store.table('states.executions'),
  histories: store.log(HISTORY_LOG),
});
