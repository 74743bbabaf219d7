import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { isKind } from '../../functions/commons/is-kind';
import { StateDatabaseUnusable } from './state-database-unusable';

/** The state format this code reads and writes; `@1` was the JSON document `state.json` (see state-migration.ts). */
export const STATE_FORMAT = 'vpce-lab/local-cloud-state@2';
const FORMAT_VERSION = 2;
/**
 * "vpce" in ASCII, in the header's application id: marks the file as this program's, so another SQLite
 * database is refused instead of being read as an empty cloud (https://www.sqlite.org/pragma.html#pragma_application_id).
 */
const APPLICATION_ID = 0x76706365;

const SCHEMA = `
  CREATE TABLE rows (tbl TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (tbl, id));
  CREATE TABLE log_entries (log TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (log, key, seq)) WITHOUT ROWID;
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${FORMAT_VERSION};
`;

/** One row to write: a body to insert or replace, or `undefined` to delete it. */
export interface RowChange {
  readonly table: string;
  readonly id: string;
  readonly body: string | undefined;
}

/** One appended entry of a log (an execution's history event): never rewritten once written. */
export interface LogEntry {
  readonly log: string;
  readonly key: string;
  readonly seq: number;
  readonly body: string;
}

/** What one write put on disk. */
export interface WriteCount {
  readonly rows: number;
  readonly bytes: number;
}

/** Everything a database holds, parsed: for comparing the state as it stands on disk. */
export interface StateContents {
  readonly rows: Record<string, Record<string, unknown>>;
  readonly logs: Record<string, Record<string, unknown[]>>;
}

interface SqliteError extends Error {
  readonly errcode?: number;
  readonly errstr?: string;
}

/** SQLite's primary result codes that say what is wrong with the file (https://www.sqlite.org/rescode.html). */
function reasonOf(error: unknown): string {
  const { errcode, message } = error as SqliteError;
  switch ((errcode ?? 0) & 0xff) {
    case 26:
      return `it is not a SQLite database (${message})`;
    case 11:
      return `it is damaged (${message})`;
    case 14:
      return `it cannot be opened (${message}): it must be a file this user may read and write, in a directory it may write`;
    case 8:
      return `it is read-only here (${message}): this user must be able to write it and its directory`;
    case 5:
      return `another process keeps it locked (${message})`;
    case 13:
      return `the disk is full (${message})`;
    default:
      return Error.isError(error) ? error.message : String(error);
  }
}

/**
 * The local cloud's state as a SQLite database (`node:sqlite`, built into Node 24): each table's records
 * as rows keyed by table and id, and the appended logs (execution histories) as rows keyed by log, key and
 * sequence number. Opened in WAL mode: a commit is appended to the write-ahead log before it returns, so a
 * process that dies afterwards (SIGKILL included) loses no committed transaction, and one that dies
 * mid-transaction leaves the last commit intact (https://www.sqlite.org/wal.html). `synchronous=NORMAL`
 * keeps that for a process crash; only a power loss can undo the last commits, never corrupt the file
 * (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
export class StateDatabase {
  private readonly statements = new Map<string, StatementSync>();

  private constructor(
    private readonly db: DatabaseSync,
    /** The file, or undefined for a cloud kept in memory only. */
    readonly file: string | undefined,
  ) {}

  /**
   * Opens (creating when new) the database at `file`, or one in memory when no file is given; `readOnly`
   * opens an existing one to look at, beside the process that serves it.
   */
  static open(file?: string, { readOnly = false } = {}): StateDatabase {
    const location = file ?? ':memory:';
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(location, { timeout: 5000, readOnly });
    } catch (error) {
      throw new StateDatabaseUnusable(location, reasonOf(error), { cause: error });
    }
    try {
      if (readOnly) StateDatabase.check(db, location);
      else StateDatabase.prepare(db, location, file !== undefined);
    } catch (error) {
      db.close();
      if (isKind(error, StateDatabaseUnusable)) throw error;
      throw new StateDatabaseUnusable(location, reasonOf(error), { cause: error });
    }
    return new StateDatabase(db, file);
  }

  private static prepare(db: DatabaseSync, location: string, onDisk: boolean): void {
    const mode = db.prepare('PRAGMA journal_mode=WAL').get() as { journal_mode: string };
    if (onDisk && mode.journal_mode !== 'wal') throw new StateDatabaseUnusable(location, `SQLite would not keep it in WAL mode (journal mode ${mode.journal_mode})`);
    db.exec('PRAGMA synchronous=NORMAL');
    const { objects } = db.prepare('SELECT count(*) AS objects FROM sqlite_schema').get() as { objects: number };
    const { application_id: applicationId } = db.prepare('PRAGMA application_id').get() as { application_id: number };
    if (applicationId === 0 && objects === 0) {
      db.exec(`BEGIN; ${SCHEMA} COMMIT;`);
      return;
    }
    StateDatabase.check(db, location);
  }

  /** Refuses a database that is not this program's state, or of another format version. */
  private static check(db: DatabaseSync, location: string): void {
    const { application_id: applicationId } = db.prepare('PRAGMA application_id').get() as { application_id: number };
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (applicationId !== APPLICATION_ID) throw new StateDatabaseUnusable(location, 'it is a SQLite database, but not a vpce-lab local cloud state');
    if (version !== FORMAT_VERSION) {
      throw new StateDatabaseUnusable(location, `it is of format vpce-lab/local-cloud-state@${version}, and this vpce-lab reads only ${STATE_FORMAT} (a newer vpce-lab wrote it?)`);
    }
  }

  /** A table's records as stored, in the order they were first put (JSON texts by id). */
  tableRows(table: string): [id: string, body: string][] {
    return this.read(() => (this.statement('SELECT id, body FROM rows WHERE tbl = ? ORDER BY rowid').all(table) as { id: string; body: string }[]).map((row) => [row.id, row.body]));
  }

  /** How many entries a log keeps under `key` (sequence numbers count from 1). */
  logLength(log: string, key: string): number {
    return this.read(() => (this.statement('SELECT max(seq) AS last FROM log_entries WHERE log = ? AND key = ?').get(log, key) as { last: number | null }).last ?? 0);
  }

  /** The entries `from`..`to` (sequence numbers, both included) of a log's key, in order. */
  logEntries(log: string, key: string, from: number, to: number): string[] {
    return this.read(() =>
      (this.statement('SELECT body FROM log_entries WHERE log = ? AND key = ? AND seq BETWEEN ? AND ? ORDER BY seq').all(log, key, from, to) as { body: string }[]).map((row) => row.body),
    );
  }

  /** Writes the changed rows and the new log entries as one transaction: all of it is on disk, or none. */
  write(rows: readonly RowChange[], entries: readonly LogEntry[]): WriteCount {
    let written = 0;
    let bytes = 0;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const upsert = this.statement('INSERT INTO rows (tbl, id, body) VALUES (?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET body = excluded.body');
      const remove = this.statement('DELETE FROM rows WHERE tbl = ? AND id = ?');
      const append = this.statement('INSERT INTO log_entries (log, key, seq, body) VALUES (?, ?, ?, ?)');
      for (const row of rows) {
        const result = row.body === undefined ? remove.run(row.table, row.id) : upsert.run(row.table, row.id, row.body);
        written += Number(result.changes);
        bytes += row.body?.length ?? 0;
      }
      for (const entry of entries) {
        written += Number(append.run(entry.log, entry.key, entry.seq, entry.body).changes);
        bytes += entry.body.length;
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw new StateDatabaseUnusable(this.location, reasonOf(error), { cause: error });
    }
    return { rows: written, bytes };
  }

  /** Every row and log entry, parsed. */
  contents(): StateContents {
    const rows: Record<string, Record<string, unknown>> = {};
    const logs: Record<string, Record<string, unknown[]>> = {};
    this.read(() => {
      for (const row of this.statement('SELECT tbl, id, body FROM rows ORDER BY rowid').iterate() as Iterable<{ tbl: string; id: string; body: string }>) {
        (rows[row.tbl] ??= {})[row.id] = JSON.parse(row.body);
      }
      for (const entry of this.statement('SELECT log, key, body FROM log_entries ORDER BY log, key, seq').iterate() as Iterable<{ log: string; key: string; body: string }>) {
        ((logs[entry.log] ??= {})[entry.key] ??= []).push(JSON.parse(entry.body));
      }
    });
    return { rows, logs };
  }

  /** Closes the database; SQLite then folds the write-ahead log back into the file. */
  close(): void {
    this.db.close();
  }

  private get location(): string {
    return this.file ?? ':memory:';
  }

  private read<R>(query: () => R): R {
    try {
      return query();
    } catch (error) {
      throw new StateDatabaseUnusable(this.location, reasonOf(error), { cause: error });
    }
  }

  private statement(sql: string): StatementSync {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
}
