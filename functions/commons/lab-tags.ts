import type { Filter, Tag, TagSpecification, ResourceType } from '@aws-sdk/client-ec2';

/** Tags are the source of truth about what a run owns: teardown and cleanup touch nothing without them. */
export const TAG = {
  runId: 'vpce-lab:run-id',
  scenario: 'vpce-lab:scenario',
  expiresAt: 'vpce-lab:expires-at',
  managed: 'vpce-lab:managed',
  logicalName: 'vpce-lab:logical-name',
} as const;

export interface RunIdentity {
  readonly runId: string;
  readonly scenario: string;
  readonly expiresAt: string;
}

/**
 * The tags of one resource of a run; `logicalName` makes find-or-create idempotent where AWS has no ClientToken.
 * Keys and values are always set, so the list fits EC2's and ELBv2's `Tag` alike.
 */
export function runTags(run: RunIdentity, logicalName: string): { Key: string; Value: string }[] {
  return [
    { Key: TAG.runId, Value: run.runId },
    { Key: TAG.scenario, Value: run.scenario },
    { Key: TAG.expiresAt, Value: run.expiresAt },
    { Key: TAG.managed, Value: 'true' },
    { Key: TAG.logicalName, Value: logicalName },
    { Key: 'Name', Value: `${run.runId}/${logicalName}` },
  ];
}

/** Tags applied atomically with the create, which is what lets IAM require them. */
export const tagSpecifications = (run: RunIdentity, logicalName: string, resourceType: ResourceType): TagSpecification[] => [
  { ResourceType: resourceType, Tags: runTags(run, logicalName) },
];

/** EC2 filters selecting what a run owns (and, with a logical name, one resource of it). */
export function runFilters(runId: string, logicalName?: string): Filter[] {
  const filters: Filter[] = [
    { Name: `tag:${TAG.runId}`, Values: [runId] },
    { Name: `tag:${TAG.managed}`, Values: ['true'] },
  ];
  if (logicalName) filters.push({ Name: `tag:${TAG.logicalName}`, Values: [logicalName] });
  return filters;
}

/** The lab run a resource belongs to, when its tags mark it as one's. */
export function labRunOf(tags: readonly Tag[] | undefined): string | undefined {
  const value = (key: string) => tags?.find((tag) => tag.Key === key)?.Value;
  return value(TAG.managed) === 'true' ? value(TAG.runId) : undefined;
}

/** True when a tag list marks a resource as owned by `runId`. */
export function ownedBy(tags: readonly Tag[] | undefined, runId: string): boolean {
  return labRunOf(tags) === runId;
}
