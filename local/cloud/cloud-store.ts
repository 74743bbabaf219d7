import { mkdirSync } from 'node:fs';
import { AppendLog } from './append-log';
import { type LogEntry, type RowChange, StateDatabase, type StateContents } from './state-database';
import { migrateStateFile, stateDatabasePath } from './state-migration';

/** A typed view of one named table of the state. Records are plain JSON. */
export class Table<T extends { readonly id: string }> {
  constructor(
    private readonly store: CloudStore,
    private readonly name: string,
  ) {}

  get(id: string): T | undefined {
    return this.store.rowsOf(this.name).get(id) as T | undefined;
  }

  all(): T[] {
    return [...this.store.rowsOf(this.name).values()] as T[];
  }

  put(record: T): T {
    this.store.change(this.name, record.id, (rows) => rows.set(record.id, record));
    return record;
  }

  /** Applies a change to a stored record in place and marks its row for saving. */
  update(id: string, change: (record: T) => void): T | undefined {
    const record = this.get(id);
    if (record === undefined) return undefined;
    this.store.change(this.name, id, () => change(record));
    return record;
  }

  delete(id: string): boolean {
    if (!this.store.rowsOf(this.name).has(id)) return false;
    this.store.change(this.name, id, (rows) => rows.delete(id));
    return true;
  }
}

/** What the store has written to its database since it opened. */
export interface WrittenCount {
  /** SQLite transactions committed: one per changed call or timed event. */
  readonly transactions: number;
  /** Rows inserted, replaced or deleted, log entries included. */
  readonly rows: number;
  /** JSON text written in those rows. */
  readonly bytes: number;
}

interface LogStream {
  /** Entries already in the database. */
  persisted: number;
  /** Appended since the last save. */
  pending: unknown[];
}

/** Inside a transaction: each row it changed, as it was, to put back if the change throws. */
interface Undo {
  readonly touched: Set<string>;
  readonly steps: (() => void)[];
}

/**
 * The local cloud's state: tables of records held in memory (each loaded from
 * the database when first used) and appended logs read from the database as
 * asked. Each put, update or delete marks its row; a save writes only the
 * marked rows and the new log entries, as one SQLite transaction, in
 * `state.db` under `dataDir` (in a database in memory when none is given).
 */
export class CloudStore {
  private readonly tables = new Map<string, Map<string, unknown>>();
  private readonly dirty = new Map<string, Set<string>>();
  private readonly logs = new Map<string, Map<string, LogStream>>();
  private undo: Undo | undefined;
  private count: WrittenCount = { transactions: 0, rows: 0, bytes: 0 };
  private closed = false;

  private constructor(private readonly db: StateDatabase) {}

  /**
   * Opens the state kept in `dataDir` (a `state.json` of an earlier version is moved into the database
   * first, saying so on `log`), or an empty state in memory when no directory is given.
   */
  static open(dataDir?: string, log: (line: string) => void = () => undefined): CloudStore {
    if (!dataDir) return new CloudStore(StateDatabase.open());
    mkdirSync(dataDir, { recursive: true });
    migrateStateFile(dataDir, log);
    return new CloudStore(StateDatabase.open(stateDatabasePath(dataDir)));
  }

  table<T extends { readonly id: string }>(name: string): Table<T> {
    return new Table<T>(this, name);
  }

  log<T>(name: string): AppendLog<T> {
    return new AppendLog<T>(this, name);
  }

  get written(): WrittenCount {
    return this.count;
  }

  /** A table's rows, read from the database on first use. */
  rowsOf(name: string): Map<string, unknown> {
    let rows = this.tables.get(name);
    if (!rows) {
      rows = new Map(this.db.tableRows(name).map(([id, body]) => [id, JSON.parse(body) as unknown]));
      this.tables.set(name, rows);
    }
    return rows;
  }

  /** Marks a row changed and applies the change; inside a transaction the row's first change keeps a copy to roll back to. */
  change(table: string, id: string, apply: (rows: Map<string, unknown>) => void): void {
    const rows = this.rowsOf(table);
    let marked = this.dirty.get(table);
    if (!marked) {
      marked = new Set();
      this.dirty.set(table, marked);
    }
    if (this.undo) this.keepForUndo(this.undo, table, id, rows, marked);
    marked.add(id);
    apply(rows);
  }

  logLength(log: string, key: string): number {
    const stream = this.stream(log, key);
    return stream.persisted + stream.pending.length;
  }

  /** Appends an entry and returns its sequence number (from 1). */
  append(log: string, key: string, entry: unknown): number {
    const stream = this.stream(log, key);
    stream.pending.push(entry);
    if (this.undo) this.undo.steps.push(() => stream.pending.pop());
    return stream.persisted + stream.pending.length;
  }

  /** Entries `start` to `end` (positions from 0, end excluded), saved ones read from the database. */
  logRange(log: string, key: string, start: number, end: number): unknown[] {
    const stream = this.stream(log, key);
    const saved = start < stream.persisted ? this.db.logEntries(log, key, start + 1, Math.min(end, stream.persisted)).map((body) => JSON.parse(body) as unknown) : [];
    return [...saved, ...stream.pending.slice(Math.max(0, start - stream.persisted), Math.max(0, end - stream.persisted))];
  }

  /**
   * Runs a change as one unit (one AWS call): if it throws, or its save fails, every row it changed is put
   * back as it was and nothing of it is written; else its rows are saved in one SQLite transaction.
   */
  transaction<R>(change: () => R): R {
    // A transaction inside another is part of it: the outer one puts everything back.
    if (this.undo) return change();
    const undo: Undo = { touched: new Set(), steps: [] };
    this.undo = undo;
    try {
      const result = change();
      this.flush();
      return result;
    } catch (error) {
      for (const step of undo.steps.reverse()) step();
      throw error;
    } finally {
      this.undo = undefined;
    }
  }

  /** Saves the rows changed and the log entries appended since the last save, as one SQLite transaction. */
  flush(): void {
    const rows: RowChange[] = [];
    for (const [table, ids] of this.dirty) {
      const stored = this.rowsOf(table);
      for (const id of ids) {
        const record = stored.get(id);
        rows.push({ table, id, body: record === undefined ? undefined : JSON.stringify(record) });
      }
    }
    const entries: LogEntry[] = [];
    for (const [log, streams] of this.logs) {
      for (const [key, stream] of streams) {
        stream.pending.forEach((entry, index) => entries.push({ log, key, seq: stream.persisted + index + 1, body: JSON.stringify(entry) }));
      }
    }
    if (rows.length === 0 && entries.length === 0) return;
    if (this.closed) throw new Error('The local cloud state was changed after it was closed: the change is not saved. Report this as a bug of vpce-lab');
    const written = this.db.write(rows, entries);
    this.dirty.clear();
    for (const streams of this.logs.values()) {
      for (const stream of streams.values()) {
        stream.persisted += stream.pending.length;
        stream.pending = [];
      }
    }
    this.count = { transactions: this.count.transactions + 1, rows: this.count.rows + written.rows, bytes: this.count.bytes + written.bytes };
  }

  /** Everything saved, as the database holds it. */
  contents(): StateContents {
    return this.db.contents();
  }

  /** Saves what is left and closes the database. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }

  private keepForUndo(undo: Undo, table: string, id: string, rows: Map<string, unknown>, marked: Set<string>): void {
    const key = `${table}\u0000${id}`;
    if (undo.touched.has(key)) return;
    undo.touched.add(key);
    const had = rows.has(id);
    const before = had ? structuredClone(rows.get(id)) : undefined;
    const wasMarked = marked.has(id);
    undo.steps.push(() => {
      if (had) rows.set(id, before);
      else rows.delete(id);
      if (!wasMarked) marked.delete(id);
    });
  }

  private stream(log: string, key: string): LogStream {
    let streams = this.logs.get(log);
    if (!streams) {
      streams = new Map();
      this.logs.set(log, streams);
    }
    let stream = streams.get(key);
    if (!stream) {
      stream = { persisted: this.db.logLength(log, key), pending: [] };
      streams.set(key, stream);
    }
    return stream;
  }
}
