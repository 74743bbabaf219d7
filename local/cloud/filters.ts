import { invalidParameterValue } from '../protocol/service-error';
import type { Tags } from './tags';

export interface WireFilter {
  Name?: string;
  Values?: string[];
}

type FieldValue = string | number | boolean | undefined | readonly (string | undefined)[];

/** How to read each filterable field of a resource; `tag:<key>` and `tag-key` come for free. */
export type FilterFields<T> = Readonly<Record<string, (resource: T) => FieldValue>>;

/**
 * EC2's `Filter.N.Name` / `Filter.N.Value.M` semantics: filters are ANDed,
 * values within one filter ORed, `*` and `?` are wildcards, and an unknown
 * filter name is refused rather than ignored.
 */
export function applyFilters<T extends { tags?: Tags }>(items: readonly T[], filters: readonly WireFilter[] | undefined, fields: FilterFields<T>): T[] {
  const predicates = (filters ?? []).map((filter) => predicateFor(filter, fields));
  return items.filter((item) => predicates.every((matches) => matches(item)));
}

function predicateFor<T extends { tags?: Tags }>(filter: WireFilter, fields: FilterFields<T>): (item: T) => boolean {
  const name = filter.Name ?? '';
  const patterns = (filter.Values ?? []).map(globToRegExp);
  const anyMatch = (value: FieldValue): boolean => {
    const values = Array.isArray(value) ? value : [value];
    return values.some((candidate) => candidate !== undefined && patterns.some((pattern) => pattern.test(String(candidate))));
  };
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (item) => item.tags !== undefined && Object.hasOwn(item.tags, key) && anyMatch(item.tags[key]);
  }
  if (name === 'tag-key') return (item) => anyMatch(Object.keys(item.tags ?? {}));
  if (name === 'tag-value') return (item) => anyMatch(Object.values(item.tags ?? {}));
  const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (!field) throw invalidParameterValue(`The filter '${name}' is invalid`);
  return (item) => anyMatch(field(item));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
