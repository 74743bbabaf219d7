import { ServiceError } from '../../../protocol/service-error';

/** An EC2 id of one kind: its prefix and 8 (older) or 17 hex digits. */
const wellFormed = (prefix: string, id: string): boolean => new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`).test(id);

/** Refuses, with EC2's `….Malformed` code, the first id that cannot be of this kind, before any lookup. */
export function requireWellFormedIds(ids: readonly string[] | undefined, prefix: string, code: string): void {
  const malformed = (ids ?? []).find((id) => !wellFormed(prefix, id));
  if (malformed !== undefined) throw new ServiceError(code, `Invalid id: "${malformed}" (expecting "${prefix}-...")`);
}
