import { randomBytes } from 'node:crypto';
import type { CloudStore } from '../../../cloud/cloud-store';
import { ServiceError } from '../../../protocol/service-error';
import type { DefaultQuota } from './default-quotas';

/** A quota's value for the account once an increase of it was approved. */
interface AppliedQuota {
  /** `<serviceCode>/<quotaCode>`. */
  readonly id: string;
  readonly value: number;
}

/** An increase request, as RequestServiceQuotaIncrease and GetRequestedServiceQuotaChange describe it. */
export interface QuotaIncrease {
  readonly id: string;
  readonly desiredValue: number;
  readonly created: number;
}

const appliedQuotas = (store: CloudStore) => store.table<AppliedQuota>('servicequotas.applied');

/** The account's value of a quota: the increase approved last, else AWS's default. */
export const appliedValue = (store: CloudStore, quota: DefaultQuota): number =>
  appliedQuotas(store).get(`${quota.serviceCode}/${quota.quotaCode}`)?.value ?? quota.value;

/** A create that would take the account past a quota's value is refused with the service's own error for it. */
export function requireQuotaHeadroom(store: CloudStore, quota: DefaultQuota, inUse: number, refusal: () => ServiceError): void {
  if (inUse >= appliedValue(store, quota)) throw refusal();
}

/**
 * Asks for a higher value of a quota. The local account's requests are
 * approved at once (AWS approves increases of the VPC quotas automatically,
 * usually within minutes); asking for no more than the current value is
 * refused, as there is nothing to increase.
 */
export function requestIncrease(store: CloudStore, quota: DefaultQuota, desiredValue: number, now: number): QuotaIncrease {
  const current = appliedValue(store, quota);
  if (!(desiredValue > current)) {
    throw new ServiceError('IllegalArgumentException', `The desired value ${desiredValue} must be greater than the quota's current value ${current}.`);
  }
  appliedQuotas(store).put({ id: `${quota.serviceCode}/${quota.quotaCode}`, value: desiredValue });
  return { id: randomBytes(16).toString('hex'), desiredValue, created: now };
}
