import type { Table } from '../../../cloud/cloud-store';
import { tagsFromList, type WireTag } from '../../../cloud/tags';
import type { Ec2Record } from './ec2-records';

/** CreateTags: adds or overwrites the given tags, within EC2's limits. */
export function addTags<T extends Ec2Record>(table: Table<T>, record: T, tags: readonly WireTag[]): void {
  table.update(record.id, (stored) => {
    stored.tags = tagsFromList(tags, { ...stored.tags });
  });
}

/**
 * DeleteTags: with no tags named, removes them all; a tag named with a value
 * goes only while it still has that value (an empty value included), one
 * named by key alone goes whatever its value.
 */
export function removeTags<T extends Ec2Record>(table: Table<T>, record: T, tags: readonly WireTag[] | undefined): void {
  const doomed = (key: string, value: string): boolean =>
    tags === undefined || tags.some((tag) => tag.Key === key && (tag.Value === undefined || tag.Value === value));
  table.update(record.id, (stored) => {
    stored.tags = Object.fromEntries(Object.entries(stored.tags).filter(([key, value]) => !doomed(key, value)));
  });
}
