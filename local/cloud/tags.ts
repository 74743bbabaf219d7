import { invalidParameterValue, ServiceError } from '../protocol/service-error';

export type Tags = Record<string, string>;

export interface WireTag {
  Key?: string;
  Value?: string;
}

interface TagSpecification {
  ResourceType?: string;
  Tags?: WireTag[];
}

const MAX_TAGS = 50;

/** Tags from a list of `{Key, Value}`, refusing what AWS refuses (reserved `aws:` keys, more than 50, no key). */
export function tagsFromList(list: readonly WireTag[] | undefined, into: Tags = {}): Tags {
  for (const tag of list ?? []) {
    if (!tag.Key) throw invalidParameterValue('Tag keys must not be empty');
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidParameterValue(`Tag keys starting with 'aws:' are reserved for internal use (${tag.Key})`);
    if (tag.Key.length > 128 || (tag.Value ?? '').length > 256) throw invalidParameterValue(`Tag ${tag.Key} is too long`);
    into[tag.Key] = tag.Value ?? '';
  }
  if (Object.keys(into).length > MAX_TAGS) throw new ServiceError('TagLimitExceeded', `A resource may have at most ${MAX_TAGS} tags`);
  return into;
}

/**
 * The tags a create call asks for through `TagSpecifications`, applied
 * atomically with the create (what lets IAM require them). A specification
 * for another resource type is refused, as EC2 does.
 */
export function tagsFromSpecifications(specs: readonly TagSpecification[] | undefined, resourceType: string): Tags {
  const tags: Tags = {};
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== resourceType) {
      throw invalidParameterValue(`'${spec.ResourceType ?? ''}' is not a valid taggable resource type for this operation (expected ${resourceType}).`);
    }
    tagsFromList(spec.Tags, tags);
  }
  return tags;
}

export const tagList = (tags: Tags | undefined): { Key: string; Value: string }[] =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
