import { ServiceError } from '../protocol/service-error';
import type { CloudStore } from './cloud-store';

/** What the first request with a ClientToken produced, keyed by `<scope>:<token>`. */
export interface ClientTokenRecord {
  readonly id: string;
  readonly fingerprint: string;
  readonly resourceId: string;
}

export const CLIENT_TOKENS_TABLE = 'cloud.clientTokens';

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
  const tokens = store.table<ClientTokenRecord>(CLIENT_TOKENS_TABLE);
  const existing = tokens.get(key);
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new ServiceError('IdempotentParameterMismatch', `The client token ${clientToken} was already used with different parameters`);
    }
    return { resourceId: existing.resourceId, replayed: true };
  }
  const resourceId = create();
  tokens.put({ id: key, fingerprint, resourceId });
  return { resourceId, replayed: false };
}
