import type { UnsuccessfulItem } from '@aws-sdk/client-ec2';
import type { ServiceError } from '../../../protocol/service-error';

/**
 * EC2's batch calls (DeleteVpcEndpoints, AcceptVpcEndpointConnections, …):
 * each id is handled on its own, and an id that is unknown or refused is
 * reported in `Unsuccessful` instead of failing the whole call.
 */
export function eachId<T>(
  ids: readonly string[] | undefined,
  lookup: (id: string) => T | undefined,
  missing: (id: string) => ServiceError,
  act: (record: T) => ServiceError | undefined | void,
): UnsuccessfulItem[] {
  return (ids ?? []).flatMap((id) => {
    const record = lookup(id);
    const error = record === undefined ? missing(id) : act(record);
    return error ? [{ ResourceId: id, Error: { Code: error.code, Message: error.message } }] : [];
  });
}
