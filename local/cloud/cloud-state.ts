/**
 * Everything the local cloud knows, as one JSON document so it can be written
 * to disk atomically and read back after a restart. Services keep their
 * resources in named tables (`ec2.vpcs`, `elbv2.loadBalancers`, …) so a
 * service can grow a table without touching this file.
 */
export interface CloudState {
  readonly format: typeof STATE_FORMAT;
  tables: Record<string, Record<string, unknown>>;
  scheduled: ScheduledEvent[];
  /** ClientToken → what the first request with that token produced. */
  idempotency: Record<string, IdempotencyRecord>;
  nextEventId: number;
}

export interface ScheduledEvent {
  readonly id: number;
  /** Epoch milliseconds at which the event is due. */
  readonly due: number;
  readonly type: string;
  readonly payload: Readonly<Record<string, string>>;
}

export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly resourceId: string;
}

export const STATE_FORMAT = 'vpce-lab/local-cloud-state@1';

export const emptyState = (): CloudState => ({ format: STATE_FORMAT, tables: {}, scheduled: [], idempotency: {}, nextEventId: 1 });
