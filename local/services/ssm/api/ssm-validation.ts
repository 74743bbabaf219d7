import { type Page, paginate } from '../../../cloud/pagination';
import { ServiceError } from '../../../protocol/service-error';
import { isKind } from '../../../../functions/commons/is-kind';

/** The generic input check every AWS JSON service answers with, in its own words. */
export const validationError = (problem: string): ServiceError => new ServiceError('ValidationException', `1 validation error detected: ${problem}`);

export function requireRange(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min) throw validationError(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
}

export function requirePresent<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw validationError(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** A CommandId as SSM makes them: a UUID. */
export const isCommandId = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

export const invalidCommandId = (id: string): ServiceError => new ServiceError('InvalidCommandId', `${id} is not a valid command ID.`);

export const notInValidState = (ids: readonly string[], accountId: string): ServiceError =>
  new ServiceError('InvalidInstanceId', `Instances [[${ids.join(', ')}]] not in a valid state for account ${accountId}`);

const invalidNextToken = (): ServiceError => new ServiceError('InvalidNextToken', 'The specified token is not valid.');

/** One page of an SSM listing: `MaxResults` in range, and SSM's own error for a token it did not issue. */
export function ssmPage<T>(items: readonly T[], maxResults: number | undefined, limits: { min: number; max: number; default: number }, token: string | undefined, listing: string): Page<T> {
  requireRange(maxResults, 'maxResults', limits.min, limits.max);
  try {
    return paginate(items, maxResults ?? limits.default, token, listing, limits);
  } catch (error) {
    if (isKind(error, ServiceError) && error.code === 'InvalidPaginationToken') throw invalidNextToken();
    throw error;
  }
}

/**
 * The constraints of the service model a request breaks, each in the words of
 * AWS's request validation ("Value 'x' at 'member' failed to satisfy
 * constraint: Member must …"), collected so that every one is reported, as
 * that validation does ("2 validation errors detected: …; …").
 */
export class Constraints {
  private readonly problems: string[] = [];

  private broken(value: unknown, member: string, rule: string): void {
    const shown = value === undefined ? 'null' : `'${String(value)}'`;
    this.problems.push(`Value ${shown} at '${member}' failed to satisfy constraint: Member must ${rule}`);
  }

  present(value: unknown, member: string): this {
    if (value === undefined) this.broken(value, member, 'not be null');
    return this;
  }

  length(value: string | undefined, member: string, min: number, max: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.broken(value, member, `have length greater than or equal to ${min}`);
    else if (value.length > max) this.broken(value, member, `have length less than or equal to ${max}`);
    return this;
  }

  /** A list's number of members, the list shown as `[a, b]`. */
  count(values: readonly unknown[] | undefined, shown: readonly string[], member: string, min: number, max: number): this {
    if (values === undefined) return this;
    const list = `[${shown.join(', ')}]`;
    if (values.length < min) this.broken(list, member, `have length greater than or equal to ${min}`);
    else if (values.length > max) this.broken(list, member, `have length less than or equal to ${max}`);
    return this;
  }

  range(value: number | undefined, member: string, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.broken(value, member, `have value greater than or equal to ${min}`);
    else if (value > max) this.broken(value, member, `have value less than or equal to ${max}`);
    return this;
  }

  /** A pattern, shown as the service model writes it. */
  pattern(value: string | undefined, member: string, pattern: RegExp, written: string): this {
    if (value !== undefined && !pattern.test(value)) this.broken(value, member, `satisfy regular expression pattern: ${written}`);
    return this;
  }

  oneOf(value: string | undefined, member: string, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) this.broken(value, member, `satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  /** Refuses the request with every problem found, as one ValidationException. */
  check(): void {
    const { problems } = this;
    if (problems.length === 0) return;
    throw new ServiceError('ValidationException', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
}

/** An item of a history, with its place in it: a key that orders the history oldest first and never changes as it grows. */
export interface Placed<T> {
  readonly place: readonly number[];
  readonly item: T;
}

/** Whether place `a` comes before `b` in the history (compared member by member). */
const precedes = (a: readonly number[], b: readonly number[]): boolean => {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference < 0;
  }
  return false;
};

function positionsIn(token: string, listing: string): readonly number[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  const { l, p } = (decoded ?? {}) as { l?: unknown; p?: unknown };
  const valid = l === listing && Array.isArray(p) && p.length > 0 && p.every((member) => Number.isSafeInteger(member) && (member as number) >= 0);
  if (!valid) throw invalidNextToken();
  return p as number[];
}

/**
 * One page of a history listed newest first (`items` in that order). The
 * token holds the place of the page's last item, not an offset: commands sent
 * while a caller pages through the history are above the page it is on, and
 * neither repeat an item nor skip one. A token this listing did not issue is
 * SSM's InvalidNextToken.
 */
export function historyPage<T>(items: readonly Placed<T>[], pageSize: number, token: string | undefined, listing: string): Page<T> {
  const after = token === undefined ? undefined : positionsIn(token, listing);
  const rest = after === undefined ? items : items.filter(({ place }) => precedes(place, after));
  const page = rest.slice(0, pageSize);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    nextToken: rest.length > pageSize && last ? Buffer.from(JSON.stringify({ l: listing, p: last.place })).toString('base64url') : undefined,
  };
}
