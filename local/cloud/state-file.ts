import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type CloudState, emptyState, STATE_FORMAT } from './cloud-state';

/** The state file could not be read back; never silently replaced by an empty cloud. */
export class StateFileCorrupt extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The local cloud state file ${file} cannot be used: ${reason}. Move it aside to start from an empty cloud, or restore it.`);
    this.name = 'StateFileCorrupt';
  }
}

export const stateFilePath = (dataDir: string): string => join(dataDir, 'state.json');

/** Reads the state kept in `dataDir`, or an empty state when there is none yet. */
export function loadState(dataDir: string): CloudState {
  const file = stateFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new StateFileCorrupt(file, (error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileCorrupt(file, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isCloudState(parsed)) throw new StateFileCorrupt(file, `it is not a ${STATE_FORMAT} document`);
  return parsed;
}

/** Writes the whole state to a temporary file and renames it over the old one, so a crash never leaves half a file. */
export function saveState(dataDir: string, state: CloudState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileAtomic.sync(stateFilePath(dataDir), JSON.stringify(state));
}

function isCloudState(value: unknown): value is CloudState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<CloudState>;
  return (
    candidate.format === STATE_FORMAT &&
    typeof candidate.tables === 'object' &&
    candidate.tables !== null &&
    Array.isArray(candidate.scheduled) &&
    typeof candidate.idempotency === 'object' &&
    typeof candidate.nextEventId === 'number'
  );
}
