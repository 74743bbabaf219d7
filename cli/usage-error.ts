/** Bad input on the command line: reported with what is allowed, exit code 2, nothing started. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** 130: stopped by Ctrl+C (128 + SIGINT), as shells report it; the run itself goes on where it runs. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
