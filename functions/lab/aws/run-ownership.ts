import type { Tag } from '@aws-sdk/client-ec2';
import { LabInputInvalid } from '../../commons/lab-errors';
import { ownedBy, TAG } from '../../commons/lab-tags';

/**
 * Refuses to go on with a resource named in a step's input that does not
 * carry the run's tags: the input may be wrong, and the lab never changes
 * what it does not own.
 */
export function requireOwned(what: string, id: string, tags: readonly Tag[] | undefined, runId: string): void {
  if (ownedBy(tags, runId)) return;
  const owner = tags?.find((tag) => tag.Key === TAG.runId)?.Value;
  throw new LabInputInvalid(`${what} ${id} does not belong to run ${runId} (${owner ? `it is tagged for run ${owner}` : 'it carries no vpce-lab run tags'}); the lab leaves it alone`);
}
