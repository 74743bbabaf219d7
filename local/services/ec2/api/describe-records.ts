import type { Table } from '../../../cloud/cloud-store';
import { applyFilters, type FilterFields, type WireFilter } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import { ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, inCallRegion, requireAll } from '../model/ec2-context';
import type { Ec2Record } from '../model/ec2-records';
import { invalidParameterCombination } from '../model/ec2-errors';

/** What every EC2 Describe request carries besides its ids. */
export interface DescribeRequest {
  readonly Filters?: readonly WireFilter[];
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

export interface DescribeQuery<T> {
  readonly table: Table<T & Ec2Record>;
  readonly ids: readonly string[] | undefined;
  readonly missing: (id: string) => ServiceError;
  readonly fields: FilterFields<T & Ec2Record>;
  /** Names the listing, so a token from one Describe is refused by another. */
  readonly listing: string;
  /** Hides records the caller should no longer see (e.g. long-terminated instances). */
  readonly visible?: (record: T & Ec2Record) => boolean;
}

/**
 * EC2's Describe semantics in one place: only the call's region is listed,
 * explicit ids must all exist there (and cannot be paged), filters narrow, results come oldest first, and
 * `MaxResults`/`NextToken` page through them.
 */
export function describeRecords<T>(context: Ec2Context, request: DescribeRequest, query: DescribeQuery<T>): { items: (T & Ec2Record)[]; nextToken?: string } {
  const ids = query.ids ?? [];
  if (ids.length > 0 && request.MaxResults !== undefined) {
    throw invalidParameterCombination('The parameter ids cannot be used with the parameter maxResults');
  }
  const visible = query.visible ?? (() => true);
  const base = ids.length > 0 ? requireAll(context, query.table, ids, query.missing) : query.table.all().filter((record) => inCallRegion(context, record) && visible(record));
  // Oldest first; records made in the same millisecond keep the order they were made in (the sort is stable, a table keeps insertion order).
  const filtered = applyFilters(base, request.Filters, query.fields).sort((a, b) => a.createdAt - b.createdAt);
  return paginate(filtered, request.MaxResults, request.NextToken, query.listing);
}
