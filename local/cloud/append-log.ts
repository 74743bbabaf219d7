import type { CloudStore } from './cloud-store';
import type { Listing } from './pagination';

/**
 * A typed view of one named log of the state: entries appended under a key
 * (an execution's history events under its ARN), each saved once as its own
 * row and never rewritten, and read back a range at a time.
 */
export class AppendLog<T> {
  constructor(
    private readonly store: CloudStore,
    private readonly name: string,
  ) {}

  length(key: string): number {
    return this.store.logLength(this.name, key);
  }

  /** Appends an entry and returns its position counted from 1. */
  append(key: string, entry: T): number {
    return this.store.append(this.name, key, entry);
  }

  /**
   * A key's entries as a list that reads only the slice asked for: oldest
   * first, or newest first when `newestFirst`.
   */
  entries(key: string, newestFirst = false): Listing<T> {
    const length = this.length(key);
    const read = (start: number, end: number): T[] => (start >= end ? [] : (this.store.logRange(this.name, key, start, end) as T[]));
    return {
      length,
      slice: (start = 0, end = length) => {
        const from = Math.max(0, Math.min(start, length));
        const to = Math.max(from, Math.min(end, length));
        return newestFirst ? read(length - to, length - from).reverse() : read(from, to);
      },
    };
  }
}
