/** The state database cannot be opened or read as the local cloud's; never silently replaced by an empty cloud. */
export class StateDatabaseUnusable extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `The local cloud state database ${file} cannot be used: ${reason}. ` +
        `Restore it from a copy, or move it aside (with its -wal and -shm files) to start from an empty cloud.`,
      options,
    );
    this.name = 'StateDatabaseUnusable';
  }
}
