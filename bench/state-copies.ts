import { DatabaseSync } from 'node:sqlite';

/** The rows one real run added to a state database, to copy. */
export interface RunRows {
  readonly runId: string;
  readonly rows: readonly { readonly tbl: string; readonly id: string; readonly body: string }[];
  readonly entries: readonly { readonly log: string; readonly key: string; readonly seq: number; readonly body: string }[];
}

/** Every row of the database, as `table NUL id`: what was there before a run, to tell the run's own rows apart. */
export function rowKeys(file: string): Set<string> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return new Set((db.prepare('SELECT tbl, id FROM rows').all() as { tbl: string; id: string }[]).map((row) => `${row.tbl}\u0000${row.id}`));
  } finally {
    db.close();
  }
}

/** The rows of `file` that are not in `before`, and every history entry (a history is only ever the run's). */
export function runRows(file: string, before: ReadonlySet<string>, runId: string): RunRows {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = (db.prepare('SELECT tbl, id, body FROM rows ORDER BY rowid').all() as { tbl: string; id: string; body: string }[]).filter((row) => !before.has(`${row.tbl}\u0000${row.id}`));
    const entries = db.prepare('SELECT log, key, seq, body FROM log_entries').all() as { log: string; key: string; seq: number; body: string }[];
    return { runId, rows, entries };
  } finally {
    db.close();
  }
}

/**
 * Adds `copies` copies of one run's rows to the database at `file`, each
 * under fresh ids: the run id replaced everywhere (its executions' ARNs, its
 * tags), and every other row's key given the copy's number, so no copy
 * overwrites another. References between the copied resources still name
 * the first run's resources: the copies are for the state's size and the
 * cost of a call, not for running anything on them.
 */
export function addRunCopies(file: string, run: RunRows, copies: number): void {
  const db = new DatabaseSync(file);
  try {
    const putRow = db.prepare('INSERT INTO rows (tbl, id, body) VALUES (?, ?, ?)');
    const putEntry = db.prepare('INSERT INTO log_entries (log, key, seq, body) VALUES (?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let copy = 1; copy <= copies; copy++) {
      const runId = `${run.runId}-copy${copy}`;
      const fresh = (text: string) => text.replaceAll(run.runId, runId);
      for (const row of run.rows) {
        const id = row.id.includes(run.runId) ? fresh(row.id) : `${row.id}-copy${copy}`;
        const body = JSON.parse(fresh(row.body)) as Record<string, unknown>;
        putRow.run(row.tbl, id, JSON.stringify({ ...body, id }));
      }
      for (const entry of run.entries) putEntry.run(entry.log, entry.key.includes(run.runId) ? fresh(entry.key) : `${entry.key}-copy${copy}`, entry.seq, fresh(entry.body));
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}
