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

/** One page of an SSM listing: `MaxResults` in range, and SSM's own error for a token it did not issue. */
export function ssmPage<T>(items: readonly T[], maxResults: number | undefined, limits: { min: number; max: number; default: number }, token: string | undefined, listing: string): Page<T> {
  requireRange(maxResults, 'maxResults', limits.min, limits.max);
  try {
    return paginate(items, maxResults ?? limits.default, token, listing, limits);
  } catch (error) {
    if (isKind(error, ServiceError) && error.code === 'InvalidPaginationToken') throw new ServiceError('InvalidNextToken', 'The specified token is not valid.');
    throw error;
  }
}
