import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { Table } from '../../../cloud/cloud-store';
import { missingParameter, type ServiceError } from '../../../protocol/service-error';
import type { Ec2Record } from './ec2-records';
import { ec2Tables, type Ec2Tables } from './ec2-tables';

/** What every EC2 model function works on: the shared runtime and the EC2 tables. */
export interface Ec2Context {
  readonly runtime: CloudRuntime;
  readonly tables: Ec2Tables;
}

export const ec2Context = (runtime: CloudRuntime): Ec2Context => ({ runtime, tables: ec2Tables(runtime.store) });


/**
 * Whether a call may see the record: EC2 resources are regional, and a call
 * to one region's endpoint neither lists nor finds another region's
 * ("Amazon EC2 resources are specific to the AWS Region", EC2 User Guide,
 * "Regions and Zones"). Outside a call (timed events) everything is seen.
 */
export const inCallRegion = (context: Ec2Context, record: Ec2Record): boolean => {
  const region = context.runtime.call.region;
  return region === undefined || record.region === region;
};

/**
 * The records named by id, in the order asked, refusing the first unknown one.
 * A record of another region is unknown, and so is one younger than the
 * injected consistency delay: that is how EC2's eventual consistency looks to
 * a caller right after a create.
 */
export function requireAll<T extends Ec2Record>(context: Ec2Context, table: Table<T>, ids: readonly string[], missing: (id: string) => ServiceError): T[] {
  const { clock, faults } = context.runtime;
  const youngest = clock.now() - clock.scaled(faults.consistencyDelaySeconds);
  return ids.map((id) => {
    const record = table.get(id);
    if (!record || !inCallRegion(context, record) || (faults.consistencyDelaySeconds > 0 && record.createdAt > youngest)) throw missing(id);
    return record;
  });
}

export function requireOne<T extends Ec2Record>(context: Ec2Context, table: Table<T>, id: string | undefined, parameter: string, missing: (id: string) => ServiceError): T {
  if (!id) throw missingParameter(parameter);
  const [record] = requireAll(context, table, [id], missing);
  return record as T;
}

/** The fields every new EC2 record starts with. */
export const recordBase = (context: Ec2Context, id: string, region: string, tags: Ec2Record['tags']): Ec2Record => ({
  id,
  region,
  ownerId: context.runtime.accountId,
  createdAt: context.runtime.clock.now(),
  tags,
});
