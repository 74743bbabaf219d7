import { ServiceError } from '../protocol/service-error';
import type { CloudStore } from './cloud-store';

/**
 * `ClientToken` semantics: the same token with the same parameters returns
 * the resource the first call made; the same token with other parameters is
 * refused with `IdempotentParameterMismatch`.
 */
export function withClientToken(
  store: CloudStore,
  scope: string,
  clientToken: string | undefined,
  request: object,
  create: () => string,
): { resourceId: string; replayed: boolean } {
  if (!clientToken) return { resourceId: create(), replayed: false };
  if (clientToken.length > 64) throw new ServiceError('InvalidParameterValue', 'ClientToken must be at most 64 characters');
  const key = `${scope}:${clientToken}`;
  const fingerprint = JSON.stringify(request, (name, value: unknown) => (name === 'ClientToken' || name === 'DryRun' ? undefined : value));
  const existing = store.state.idempotency[key];
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new ServiceError('IdempotentParameterMismatch', `The client token ${clientToken} was already used with different parameters`);
    }
    return { resourceId: existing.resourceId, replayed: true };
  }
  const resourceId = create();
  store.state.idempotency[key] = { fingerprint, resourceId };
  store.markDirty();
  return { resourceId, replayed: false };
}
