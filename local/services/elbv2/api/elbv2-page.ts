import { paginate } from '../../../cloud/pagination';
import { ServiceError } from '../../../protocol/service-error';
import { requireRange, validationError } from '../model/elbv2-errors';
import { isKind } from '../../../../functions/commons/is-kind';

/** ELBv2's paging members, the same in every Describe call that pages. */
export interface PageRequest {
  readonly Marker?: string;
  readonly PageSize?: number;
}

const MAX_PAGE_SIZE = 400;

/**
 * One page of a Describe listing the way ELBv2 pages: `PageSize` from 1 to
 * 400 (everything when absent), and a `NextMarker` to pass back as `Marker`
 * while more remain. A marker from another listing is refused.
 */
export function elbv2Page<T>(items: readonly T[], request: PageRequest, listing: string): { items: T[]; nextMarker?: string } {
  requireRange('pageSize', request.PageSize, 1, MAX_PAGE_SIZE);
  try {
    const page = paginate(items, request.PageSize, request.Marker, listing, { min: 1, max: MAX_PAGE_SIZE });
    return { items: page.items, nextMarker: page.nextToken };
  } catch (error) {
    // The shared paginator speaks EC2; ELBv2 calls a bad marker a validation error.
    if (isKind(error, ServiceError) && error.code === 'InvalidPaginationToken') throw validationError(`The marker '${request.Marker ?? ''}' is not valid`);
    throw error;
  }
}

/** ELBv2 names at most 20 resources per Describe call. */
export function requireAtMost20(member: string, values: readonly string[] | undefined): readonly string[] {
  const list = values ?? [];
  if (list.length > 20) {
    throw validationError(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to 20`);
  }
  return list;
}
