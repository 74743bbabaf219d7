import { awsErrorCode, isDependencyCode, isGoneCode } from '../../commons/aws-error-code';
import { DependencyStillPresent } from '../../commons/lab-errors';

/** How one delete of a batch of independent deletes ended. */
export type DeleteOutcome = { readonly deleted: true } | { readonly deleted: false; readonly heldBy?: string };

/**
 * Runs one delete: done, already gone (not counted), or refused because
 * something still depends on the resource (reported, so the other deletes
 * go on and the step names every hold-up at once). Anything else propagates.
 */
async function tryDelete(what: string, call: () => Promise<unknown>): Promise<DeleteOutcome> {
  try {
    await call();
    return { deleted: true };
  } catch (error) {
    const code = awsErrorCode(error);
    if (isGoneCode(code)) return { deleted: false };
    if (isDependencyCode(code)) return { deleted: false, heldBy: `${what}: ${code} (${(error as Error).message})` };
    throw error;
  }
}

export interface DeleteResults {
  readonly deleted: string[];
  /** One line per resource a dependent still holds, naming both. */
  readonly held: string[];
}

/** Deletes each item in turn: the ids deleted, and what was held (already-gone ones are in neither). */
export async function deleteAll<T>(items: readonly T[], describe: (item: T) => { id: string; what: string }, remove: (item: T) => Promise<unknown>): Promise<DeleteResults> {
  const results: DeleteResults = { deleted: [], held: [] };
  for (const item of items) {
    const { id, what } = describe(item);
    const outcome = await tryDelete(what, () => remove(item));
    if (outcome.deleted) results.deleted.push(id);
    else if (outcome.heldBy) results.held.push(outcome.heldBy);
  }
  return results;
}

/** Throws DependencyStillPresent naming every hold-up, if there was any. */
export function requireNothingHeld(held: readonly string[]): void {
  if (held.length > 0) throw new DependencyStillPresent(`still held by a dependent: ${held.join('; ')}`);
}

/**
 * Deletes each item and returns the ids deleted; when any was held by a
 * dependent, throws DependencyStillPresent naming all of them (the deletes
 * that succeeded stay done: the retry finds them gone).
 */
export async function deleteEach<T>(items: readonly T[], describe: (item: T) => { id: string; what: string }, remove: (item: T) => Promise<unknown>): Promise<string[]> {
  const { deleted, held } = await deleteAll(items, describe, remove);
  requireNothingHeld(held);
  return deleted;
}
