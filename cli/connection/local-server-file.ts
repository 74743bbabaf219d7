import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A `vpce-lab local` server announces itself in its data directory, so other
 * commands on the same directory talk to it instead of opening the same state
 * file a second time.
 */
const serverFile = (dataDir: string): string => join(dataDir, 'server.json');

export function announceServer(dataDir: string, endpoint: string): () => void {
  writeFileSync(serverFile(dataDir), JSON.stringify({ endpoint, pid: process.pid }));
  return () => rmSync(serverFile(dataDir), { force: true });
}

/** The endpoint of a live server on `dataDir`, if one answers; a stale announcement is ignored. */
export async function runningServer(dataDir: string): Promise<string | undefined> {
  let announced: { endpoint?: unknown; pid?: unknown };
  try {
    announced = JSON.parse(readFileSync(serverFile(dataDir), 'utf8')) as typeof announced;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${serverFile(dataDir)} is unreadable (${(error as Error).message}); delete it if no vpce-lab local server is running`, { cause: error });
  }
  if (typeof announced.endpoint !== 'string') return undefined;
  const healthy = await fetch(`${announced.endpoint}/_localcloud/health`, { signal: AbortSignal.timeout(1000) }).then(
    (response) => response.ok,
    () => false,
  );
  return healthy ? announced.endpoint : undefined;
}
