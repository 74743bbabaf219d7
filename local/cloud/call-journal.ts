/** One call the local cloud answered, for tests that prove order (teardown) and for the benchmark's counts. */
export interface JournalEntry {
  readonly at: number;
  readonly service: string;
  readonly action: string;
  readonly status: number;
  readonly errorCode?: string;
  /** The role session that made the call, when IAM authorized it; absent for an administrator. */
  readonly caller?: string;
}

/** A bounded record of the calls answered, oldest dropped first. */
export class CallJournal {
  private entries: JournalEntry[] = [];

  constructor(private readonly capacity = 100_000) {}

  record(entry: JournalEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): readonly JournalEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
