import type { Table } from '../../../cloud/cloud-store';
import type { Tags, WireTag } from '../../../cloud/tags';
import { ServiceError } from '../../../protocol/service-error';
import { type Elbv2Context, requireArns } from './elbv2-context';
import { listenersNotFound, loadBalancersNotFound, missingMember, targetGroupsNotFound, validationError } from './elbv2-errors';
import { type Elbv2ResourceKind, resourceKindOf } from './elbv2-names';
import type { Elbv2Record } from './elbv2-records';

const MAX_TAGS = 50;

/**
 * Tags as ELBv2 takes them: a key at most once per call, none of AWS's own
 * `aws:` keys, keys up to 128 and values up to 256 characters.
 */
export function tagsFromWire(list: readonly WireTag[] | undefined): Tags {
  const tags: Tags = {};
  for (const { Key: key, Value: value = '' } of list ?? []) {
    if (!key) throw missingMember('tags.member.key');
    if (Object.hasOwn(tags, key)) throw new ServiceError('DuplicateTagKeys', `Tag key '${key}' specified more than once`);
    if (key.toLowerCase().startsWith('aws:')) throw validationError(`Tag key '${key}' is reserved: keys starting with 'aws:' are for AWS use`);
    if (key.length > 128 || value.length > 256) throw validationError(`Tag '${key}' is too long: keys take up to 128 characters, values up to 256`);
    tags[key] = value;
  }
  if (Object.keys(tags).length > MAX_TAGS) throw tooManyTags();
  return tags;
}

const tooManyTags = (): ServiceError => new ServiceError('TooManyTags', `A resource can have at most ${MAX_TAGS} tags`);

const NOT_FOUND: Record<Elbv2ResourceKind, () => ServiceError> = {
  loadbalancer: loadBalancersNotFound,
  targetgroup: targetGroupsNotFound,
  listener: listenersNotFound,
};

/** The table that keeps resources of one kind. */
export const tableOf = (context: Elbv2Context, kind: Elbv2ResourceKind): Table<Elbv2Record> =>
  ({ loadbalancer: context.tables.loadBalancers, targetgroup: context.tables.targetGroups, listener: context.tables.listeners })[kind];

/** Load balancers, target groups and listeners by ARN, each unknown one refused with its own kind's NotFound. */
export function requireTaggable(context: Elbv2Context, region: string, arns: readonly string[]): Elbv2Record[] {
  return arns.map((arn) => {
    const kind = resourceKindOf(arn);
    if (!kind) throw validationError(`'${arn}' is not a valid load balancer, target group or listener ARN`);
    const [record] = requireArns(context, tableOf(context, kind), region, [arn], NOT_FOUND[kind]);
    return record as Elbv2Record;
  });
}

/** Adds tags to resources found by `requireTaggable`, replacing the values of keys they already have. */
export function addTags(context: Elbv2Context, records: readonly Elbv2Record[], tags: Tags): void {
  for (const record of records) {
    const merged = { ...record.tags, ...tags };
    if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags();
    tableOf(context, resourceKindOf(record.id) as Elbv2ResourceKind).update(record.id, (stored) => (stored.tags = merged));
  }
}
