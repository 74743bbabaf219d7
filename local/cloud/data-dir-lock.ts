import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import writeFileAtomic from 'write-file-atomic';

/** What the process serving a data directory says of itself in `server.json`, for the commands that look for it. */
export interface ServerAnnouncement {
  readonly pid: number;
  readonly startedAt: string;
  /** Set once the server listens. */
  readonly endpoint?: string;
  /** The settings it serves with (time scale, region, …), so a command can refuse to use it with others. */
  readonly [setting: string]: unknown;
}

/** Another live process holds the data directory: a second local cloud on it is refused, never started. */
export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: ServerAnnouncement | undefined,
    options?: ErrorOptions,
  ) {
    const who = holder ? `vpce-lab local (pid ${holder.pid}${holder.endpoint ? `, ${holder.endpoint}` : ', still starting'})` : 'another vpce-lab local that is still starting';
    super(
      `The local cloud's data directory ${dataDir} is served by ${who}. Commands on this directory use it by themselves; to stop it: vpce-lab local stop --data-dir ${dataDir}`,
      options,
    );
    this.name = 'DataDirLocked';
  }
}

const lockFile = (dataDir: string): string => join(dataDir, 'server.lock');
export const announcementFile = (dataDir: string): string => join(dataDir, 'server.json');

/** SQLITE_BUSY: the lock is another connection's. https://www.sqlite.org/rescode.html#busy */
const SQLITE_BUSY = 5;

/** The announcement in `dataDir`, as written; undefined when there is none or it cannot be read as one. */
export function readAnnouncement(dataDir: string): ServerAnnouncement | undefined {
  let text: string;
  try {
    text = readFileSync(announcementFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ServerAnnouncement>;
    return typeof parsed.pid === 'number' && typeof parsed.startedAt === 'string' ? (parsed as ServerAnnouncement) : undefined;
  } catch {
    // Written atomically (a temporary file renamed over it), so an unparsable file is not ours: nobody is announced.
    return undefined;
  }
}

/**
 * One process at a time serves a data directory. The lock is an exclusive
 * SQLite lock on `server.lock`, held from start to close (`locking_mode=EXCLUSIVE`
 * keeps it after `BEGIN EXCLUSIVE`: https://www.sqlite.org/pragma.html#pragma_locking_mode).
 * On Unix SQLite locks with POSIX advisory locks (https://www.sqlite.org/lockingv3.html),
 * which the kernel releases when the process ends however it ends (fcntl(2)),
 * so a killed server never leaves a lock that blocks the next one. Who holds it is written beside it in `server.json`; finding
 * there a pid that did not keep the lock is how a stale server is reported.
 */
export class DataDirLock {
  private constructor(
    readonly dataDir: string,
    private readonly database: DatabaseSync,
    private announcement: ServerAnnouncement,
    /** The server that had announced itself on the directory and no longer held it (it ended without withdrawing). */
    readonly tookOverFrom: ServerAnnouncement | undefined,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const database = new DatabaseSync(lockFile(dataDir), { timeout: 0 });
    try {
      database.exec('PRAGMA locking_mode=EXCLUSIVE');
      database.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      database.close();
      if ((error as { errcode?: number }).errcode === SQLITE_BUSY) throw new DataDirLocked(dataDir, readAnnouncement(dataDir), { cause: error });
      throw error;
    }
    const previous = readAnnouncement(dataDir);
    const lock = new DataDirLock(dataDir, database, { pid: process.pid, startedAt: new Date().toISOString() }, previous);
    lock.write();
    return lock;
  }

  /** Adds to what `server.json` says of this server (its endpoint once it listens, its settings). */
  announce(details: Readonly<Record<string, unknown>>): void {
    this.announcement = { ...this.announcement, ...details, pid: this.announcement.pid, startedAt: this.announcement.startedAt };
    this.write();
  }

  /** Withdraws the announcement and lets the directory go; a second call does nothing. */
  release(): void {
    if (!this.database.isOpen) return;
    if (readAnnouncement(this.dataDir)?.pid === this.announcement.pid) rmSync(announcementFile(this.dataDir), { force: true });
    this.database.close();
  }

  private write(): void {
    writeFileAtomic.sync(announcementFile(this.dataDir), JSON.stringify(this.announcement));
  }
}
