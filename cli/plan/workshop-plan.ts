import { type AccountQuota, ACCOUNT_QUOTAS, type AccountReaders } from '../../functions/lab/build/account-quotas';
import { increaseCommand, quotaValue } from '../../functions/lab/build/quota-headroom';
import { lessonsOf, type Scenario } from '../../functions/lab/lab-run';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { type BatchBound, batchBound } from '../../statemachine/batch-bound';
import { estimateCost } from '../cost/cost-estimate';
import { plannedInventory, timesRuns } from '../cost/planned-inventory';
import type { Inventory } from '../cost/built-inventory';

export interface WorkshopRequest {
  readonly runs: number;
  readonly scenario: Scenario;
  readonly region: string;
}

/** One quota against what the batch needs of it. */
export interface QuotaLine {
  readonly quota: AccountQuota;
  readonly perRun: number;
  /** What the account holds of it now. */
  readonly inUse: number;
  /** What the account must allow for the batch: in use plus every run's part (one run's, for a per-VPC quota). */
  readonly needed: number;
  /** The account's value: the applied one, else AWS's default. */
  readonly value: number;
  /** The command that raises it to `needed`, when it falls short. */
  readonly increase?: string;
}

export interface WorkshopPlan extends WorkshopRequest {
  readonly quotas: readonly QuotaLine[];
  /** Whether the account can hold every run of the batch at once. */
  readonly fits: boolean;
  /** The least time the batch takes under AWS's API rate limits (the bench's own bound). */
  readonly batch: BatchBound;
  /** What the batch holds while built, and what that costs. */
  readonly inventory: Inventory;
  readonly usdPerHour: number;
  /** Every run torn down as soon as it is verified, the batch taking its bound. */
  readonly usdTornDownAtOnce: number;
}

/**
 * What `runs` concurrent runs of a scenario need of the account `readers`
 * and `quotas` talk to, read from it as it is now: every quota a run counts
 * against, the increases that make room, the batch's least time and its cost.
 */
export async function planWorkshop(clients: AccountReaders & { readonly quotas: ServiceQuotasClient }, request: WorkshopRequest): Promise<WorkshopPlan> {
  const lessons = lessonsOf(request.scenario);
  const quotas = await Promise.all(
    ACCOUNT_QUOTAS.filter((quota) => quota.perRun(lessons) > 0).map(async (quota): Promise<QuotaLine> => {
      const [inUse, value] = await Promise.all([quota.inUse(clients), quotaValue(clients.quotas, quota)]);
      const perRun = quota.perRun(lessons);
      const needed = quota.scope === 'VPC' ? perRun : inUse + perRun * request.runs;
      return { quota, perRun, inUse, needed, value, ...(needed > value ? { increase: increaseCommand(request.region, quota, needed) } : {}) };
    }),
  );
  const batch = batchBound(request.scenario, request.runs);
  const inventory = timesRuns(plannedInventory(request.scenario), request.runs);
  return {
    ...request,
    quotas,
    fits: quotas.every((line) => line.increase === undefined),
    batch,
    inventory,
    usdPerHour: estimateCost(inventory, 3600).totalUsd,
    usdTornDownAtOnce: estimateCost(inventory, batch.seconds).totalUsd,
  };
}
