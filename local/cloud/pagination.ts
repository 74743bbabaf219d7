import { ServiceError } from '../protocol/service-error';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** What a listing pages through: an array, or a view that reads only the slice asked for (a history kept in the database). */
export interface Listing<T> {
  readonly length: number;
  slice(start?: number, end?: number): T[];
}

const invalidToken = (): ServiceError => new ServiceError('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.');

/**
 * One page of a listing. The token is opaque to the caller (an encoded
 * offset) and is refused when it was not issued for this listing.
 */
export function paginate<T>(items: Listing<T>, pageSize: number | undefined, token: string | undefined, listing: string, limits = { min: 5, max: 1000 }): Page<T> {
  if (pageSize !== undefined && (pageSize < limits.min || pageSize > limits.max)) {
    throw new ServiceError('InvalidParameterValue', `Value ( ${pageSize} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`);
  }
  const start = token === undefined ? 0 : decodeToken(token, listing);
  if (start > items.length) throw invalidToken();
  const end = pageSize === undefined ? items.length : start + pageSize;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = Buffer.from(JSON.stringify({ l: listing, o: end })).toString('base64url');
  return page;
}

function decodeToken(token: string, listing: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const { l, o } = (decoded ?? {}) as { l?: unknown; o?: unknown };
  if (l !== listing || typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw invalidToken();
  return o;
}
