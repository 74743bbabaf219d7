import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_LOG, LEGACY_HISTORY_TABLE } from '../services/stepfunctions/model/sfn-tables';
import { CLIENT_TOKENS_TABLE, type ClientTokenRecord } from './idempotency';
import { type LegacyState, legacyStateFilePath, loadLegacyState } from './legacy-state-file';
import { COUNTERS_TABLE, NEXT_EVENT_COUNTER, SCHEDULED_TABLE, type ScheduledEvent } from './scheduler';
import { type LogEntry, type RowChange, StateDatabase } from './state-database';

export const stateDatabasePath = (dataDir: string): string => join(dataDir, 'state.db');

const row = <T extends { readonly id: string }>(table: string, record: T): RowChange => ({ table, id: record.id, body: JSON.stringify(record) });

/** The legacy document as rows and log entries of the database. */
function asRows(state: LegacyState): { rows: RowChange[]; entries: LogEntry[] } {
  const rows: RowChange[] = [];
  const entries: LogEntry[] = [];
  for (const [table, records] of Object.entries(state.tables)) {
    if (table === LEGACY_HISTORY_TABLE) continue;
    for (const [id, record] of Object.entries(records)) rows.push({ table, id, body: JSON.stringify(record) });
  }
  for (const [arn, history] of Object.entries(state.tables[LEGACY_HISTORY_TABLE] ?? {})) {
    (history as { events: unknown[] }).events.forEach((event, index) => entries.push({ log: HISTORY_LOG, key: arn, seq: index + 1, body: JSON.stringify(event) }));
  }
  for (const { id, due, type, payload } of state.scheduled) rows.push(row<ScheduledEvent>(SCHEDULED_TABLE, { id: String(id), seq: id, due, type, payload }));
  for (const [id, token] of Object.entries(state.idempotency)) rows.push(row<ClientTokenRecord>(CLIENT_TOKENS_TABLE, { id, ...token }));
  rows.push(row(COUNTERS_TABLE, { id: NEXT_EVENT_COUNTER, value: state.nextEventId }));
  return { rows, entries };
}

/**
 * Moves the `state.json` of an earlier version into `state.db`, once: when there is a state file and no
 * database yet. The database is built under another name and renamed into place complete, so a crash
 * part-way leaves the state file to migrate again, never a half-filled database that would hide it; the
 * state file is then kept as `state.json.migrated`.
 */
export function migrateStateFile(dataDir: string, log: (line: string) => void): void {
  const legacy = legacyStateFilePath(dataDir);
  const target = stateDatabasePath(dataDir);
  if (existsSync(target) || !existsSync(legacy)) return;
  const { rows, entries } = asRows(loadLegacyState(legacy));
  const building = `${target}.migrating`;
  for (const file of [building, `${building}-wal`, `${building}-shm`]) rmSync(file, { force: true });
  const db = StateDatabase.open(building);
  try {
    db.write(rows, entries);
  } finally {
    db.close();
  }
  renameSync(building, target);
  renameSync(legacy, `${legacy}.migrated`);
  log(`Moved the local cloud state from ${legacy} into the SQLite database ${target} (${rows.length} rows, ${entries.length} history events); the old file is kept as ${legacy}.migrated`);
}
