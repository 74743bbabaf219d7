import type { Table } from '../../../cloud/cloud-store';
import { withClientToken } from '../../../cloud/idempotency';
import type { ServiceError } from '../../../protocol/service-error';
import type { Ec2Context } from '../model/ec2-context';

/**
 * A create with `ClientToken` idempotency: the first call creates; a retry
 * with the same token and parameters answers with what that call made (or
 * `missing` if it has been deleted since) instead of making a second one.
 */
export function createOnce<T extends { readonly id: string }>(
  context: Ec2Context,
  table: Table<T>,
  input: { readonly ClientToken?: string },
  scope: string,
  missing: (id: string) => ServiceError,
  create: () => T,
): T {
  const { resourceId } = withClientToken(context.runtime.store, scope, input.ClientToken, input, () => create().id);
  const record = table.get(resourceId);
  if (!record) throw missing(resourceId);
  return record;
}
