import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The state as versions before the SQLite database kept it: one JSON
 * document, `state.json`, rewritten whole on every change. Read only to
 * move it into the database (state-migration.ts).
 */
export interface LegacyState {
  readonly format: typeof LEGACY_STATE_FORMAT;
  readonly tables: Record<string, Record<string, unknown>>;
  readonly scheduled: readonly { readonly id: number; readonly due: number; readonly type: string; readonly payload: Readonly<Record<string, string>> }[];
  /** ClientToken → what the first request with that token produced. */
  readonly idempotency: Record<string, { readonly fingerprint: string; readonly resourceId: string }>;
  readonly nextEventId: number;
}

export const LEGACY_STATE_FORMAT = 'vpce-lab/local-cloud-state@1';

/** The state file could not be read back; never silently replaced by an empty cloud. */
export class StateFileCorrupt extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`The local cloud state file ${file} cannot be used: ${reason}. Move it aside to start from an empty cloud, or restore it.`, options);
    this.name = 'StateFileCorrupt';
  }
}

export const legacyStateFilePath = (dataDir: string): string => join(dataDir, 'state.json');

/** Reads a `state.json` document. */
export function loadLegacyState(file: string): LegacyState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new StateFileCorrupt(file, (error as Error).message, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileCorrupt(file, `it is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isLegacyState(parsed)) throw new StateFileCorrupt(file, `it is not a ${LEGACY_STATE_FORMAT} document`);
  return parsed;
}

function isLegacyState(value: unknown): value is LegacyState {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<LegacyState>;
  return (
    candidate.format === LEGACY_STATE_FORMAT &&
    typeof candidate.tables === 'object' &&
    candidate.tables !== null &&
    Array.isArray(candidate.scheduled) &&
    typeof candidate.idempotency === 'object' &&
    typeof candidate.nextEventId === 'number'
  );
}
