import { type Listing, paginate } from '../../../cloud/pagination';
import { ServiceError } from '../../../protocol/service-error';
import { isKind } from '../../../../functions/commons/is-kind';

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

/**
 * One page of a listing the way Step Functions pages: `maxResults` up to 1000
 * (0 or absent means the default 100), a `nextToken` while more remain, and
 * `InvalidToken` for a token this listing did not issue.
 */
export function sfnPage<T>(items: Listing<T>, maxResults: number | undefined, nextToken: string | undefined, listing: string): { items: T[]; nextToken?: string } {
  if (maxResults !== undefined && (maxResults < 0 || maxResults > MAX_PAGE_SIZE)) {
    throw new ServiceError('ValidationException', `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and ${MAX_PAGE_SIZE}`);
  }
  try {
    return paginate(items, maxResults || DEFAULT_PAGE_SIZE, nextToken, listing, { min: 1, max: MAX_PAGE_SIZE });
  } catch (error) {
    // The shared paginator speaks EC2; Step Functions calls a bad token InvalidToken.
    if (isKind(error, ServiceError) && error.code === 'InvalidPaginationToken') throw new ServiceError('InvalidToken', `Invalid Token: '${nextToken ?? ''}'`);
    throw error;
  }
}
