import { announcementFile, readAnnouncement, type ServerAnnouncement } from '../../local/cloud/data-dir-lock';

/** A `vpce-lab local` server that answers, as it announced itself in its data directory. */
export interface RunningServer extends ServerAnnouncement {
  readonly endpoint: string;
}

/** The settings a server announces beside its endpoint (see the local command), which a command may not contradict. */
export interface ServerSettings {
  readonly timeScale: number;
  readonly region: string;
  readonly iam: boolean;
  readonly defaultVpc: boolean;
  /** Idle minutes after which it stops by itself; undefined when it serves until stopped. */
  readonly stopAfterMinutes?: number;
  /** Where it writes its output, when started in the background. */
  readonly logFile?: string;
}

export const settingsOf = (server: RunningServer): Partial<ServerSettings> => server as Partial<ServerSettings>;

/** Whether the process `pid` still runs. */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The server serving `dataDir`, if one is announced there, its process lives
 * and it answers its health check; an announcement a killed server left
 * behind is ignored (the next server on the directory takes it over).
 */
export async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  let announced: ServerAnnouncement | undefined;
  try {
    announced = readAnnouncement(dataDir);
  } catch (error) {
    throw new Error(`${announcementFile(dataDir)} is unreadable (${(error as Error).message}); check the directory's permissions`, { cause: error });
  }
  if (!announced || typeof announced.endpoint !== 'string' || !processAlive(announced.pid)) return undefined;
  const healthy = await fetch(`${announced.endpoint}/_localcloud/health`, { signal: AbortSignal.timeout(2000) }).then(
    (response) => response.ok,
    () => false,
  );
  return healthy ? (announced as RunningServer) : undefined;
}
