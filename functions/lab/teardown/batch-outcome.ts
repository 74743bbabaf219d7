import type { UnsuccessfulItem } from '@aws-sdk/client-ec2';
import { isGoneCode } from '../../commons/aws-error-code';
import { DependencyStillPresent } from '../../commons/lab-errors';

export interface BatchCodes {
  /** Refusals meaning something still holds the resource: retried by the workflow. */
  readonly dependency?: readonly string[];
  /** Codes that mean "already gone" besides the …NotFound ones. */
  readonly gone?: readonly string[];
}

const describeItems = (items: readonly UnsuccessfulItem[]): string =>
  items.map((item) => `${item.ResourceId ?? '?'}: ${item.Error?.Code ?? 'no code'} (${item.Error?.Message ?? 'no message'})`).join('; ');

/**
 * What an EC2 batch call (DeleteVpcEndpoints, RejectVpcEndpointConnections,
 * …) did, as the ids it changed: ids it reports gone already count as done
 * and are left out; a dependency refusal throws `DependencyStillPresent`
 * naming what is held; any other refusal fails the step with AWS's code and
 * message.
 */
export function changedIds(action: string, requested: readonly string[], unsuccessful: readonly UnsuccessfulItem[] | undefined, codes: BatchCodes = {}): string[] {
  const isGone = (item: UnsuccessfulItem) => isGoneCode(item.Error?.Code) || (codes.gone ?? []).includes(item.Error?.Code ?? '');
  const refused = (unsuccessful ?? []).filter((item) => !isGone(item));
  const held = refused.filter((item) => (codes.dependency ?? []).includes(item.Error?.Code ?? ''));
  if (held.length > 0) throw new DependencyStillPresent(`${action} was refused while something still holds: ${describeItems(held)}`);
  if (refused.length > 0) throw new Error(`${action} was refused: ${describeItems(refused)}`);
  const gone = new Set((unsuccessful ?? []).map((item) => item.ResourceId));
  return requested.filter((id) => !gone.has(id));
}

/** The ids of a list, leaving out entries without one. */
export const idsOf = <T>(items: readonly T[], idOf: (item: T) => string | undefined): string[] => items.map(idOf).filter((id): id is string => id !== undefined);
