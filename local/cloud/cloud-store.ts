import type { CloudState } from './cloud-state';
import { emptyState } from './cloud-state';
import { loadState, saveState } from './state-file';

/** A typed view of one named table of the state. Records are plain JSON. */
export class Table<T extends { readonly id: string }> {
  constructor(
    private readonly store: CloudStore,
    private readonly name: string,
  ) {}

  private get rows(): Record<string, unknown> {
    return this.store.rowsOf(this.name);
  }

  get(id: string): T | undefined {
    return Object.hasOwn(this.rows, id) ? (this.rows[id] as T) : undefined;
  }

  all(): T[] {
    return Object.values(this.rows) as T[];
  }

  put(record: T): T {
    this.rows[record.id] = record;
    this.store.markDirty();
    return record;
  }

  /** Applies a change to a stored record and marks the state for saving. */
  update(id: string, change: (record: T) => void): T | undefined {
    const record = this.get(id);
    if (record === undefined) return undefined;
    change(record);
    this.store.markDirty();
    return record;
  }

  delete(id: string): boolean {
    if (!Object.hasOwn(this.rows, id)) return false;
    delete this.rows[id];
    this.store.markDirty();
    return true;
  }
}

/**
 * The local cloud's state, held in memory and written to `dataDir` (when one
 * is given) after every request or timed event that changed it.
 */
export class CloudStore {
  private dirty = false;
  /** Inside a transaction: each table it has used, as it was before (JSON), to put back if the change throws. */
  private undo: Map<string, string> | undefined;

  private constructor(
    readonly state: CloudState,
    private readonly dataDir: string | undefined,
  ) {}

  static open(dataDir?: string): CloudStore {
    return new CloudStore(dataDir ? loadState(dataDir) : emptyState(), dataDir);
  }

  table<T extends { readonly id: string }>(name: string): Table<T> {
    return new Table<T>(this, name);
  }

  /** A table's rows; inside a transaction the first use keeps a copy to roll back to. */
  rowsOf(name: string): Record<string, unknown> {
    const tables = this.state.tables;
    tables[name] ??= {};
    if (this.undo && !this.undo.has(name)) this.undo.set(name, JSON.stringify(tables[name]));
    return tables[name];
  }

  markDirty(): void {
    this.dirty = true;
  }

  /**
   * Runs a change as one unit: if it throws, the state is put back as it was,
   * so a refused or malformed call never leaves half a change behind.
   */
  transaction<R>(change: () => R): R {
    // A transaction inside another is part of it: the outer one puts everything back.
    if (this.undo) return change();
    // Only the tables the change uses are copied: the whole state (with every execution's history) grows with each run.
    const { tables: _tables, ...rest } = this.state;
    const before = JSON.stringify(rest);
    const wasDirty = this.dirty;
    const undo = new Map<string, string>();
    this.undo = undo;
    try {
      const result = change();
      this.undo = undefined;
      this.flush();
      return result;
    } catch (error) {
      this.undo = undefined;
      for (const [name, rows] of undo) this.state.tables[name] = JSON.parse(rows) as Record<string, unknown>;
      Object.assign(this.state, JSON.parse(before) as Omit<CloudState, 'tables'>);
      this.dirty = wasDirty;
      throw error;
    }
  }

  /** Persists the state if anything changed since the last save. */
  flush(): void {
    if (!this.dirty) return;
    if (this.dataDir) saveState(this.dataDir, this.state);
    this.dirty = false;
  }
}
