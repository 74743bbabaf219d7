import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { Table } from '../../../cloud/cloud-store';
import type { Tags } from '../../../cloud/tags';
import type { ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, ec2Context } from '../../ec2/model/ec2-context';
import type { Elbv2Record } from './elbv2-records';
import { elbv2Tables, type Elbv2Tables } from './elbv2-tables';

/** What every ELBv2 model function works on: the runtime, the ELBv2 tables and the EC2 model it builds on. */
export interface Elbv2Context {
  readonly runtime: CloudRuntime;
  readonly tables: Elbv2Tables;
  readonly ec2: Ec2Context;
}

export const elbv2Context = (runtime: CloudRuntime): Elbv2Context => ({ runtime, tables: elbv2Tables(runtime.store), ec2: ec2Context(runtime) });

/** Oldest first; records made in the same millisecond keep the order they were made in (the sort is stable, a table keeps insertion order). */
const byCreation = (a: Elbv2Record, b: Elbv2Record): number => a.createdAt - b.createdAt;

/** A table's records in one region, oldest first: ELBv2 resources are regional. */
export const inRegion = <T extends Elbv2Record>(table: Table<T>, region: string): T[] =>
  table
    .all()
    .filter((record) => record.region === region)
    .sort(byCreation);

/**
 * The records named by ARN, in the order asked, refusing if any is unknown
 * in `region`. A record younger than the injected consistency delay is unknown
 * too: ELBv2 is eventually consistent right after a create, like EC2.
 */
export function requireArns<T extends Elbv2Record>(context: Elbv2Context, table: Table<T>, region: string, arns: readonly string[], missing: (arn: string) => ServiceError): T[] {
  const { clock, faults } = context.runtime;
  const youngest = clock.now() - clock.scaled(faults.consistencyDelaySeconds);
  return arns.map((arn) => {
    const record = table.get(arn);
    if (!record || record.region !== region || (faults.consistencyDelaySeconds > 0 && record.createdAt > youngest)) throw missing(arn);
    return record;
  });
}

/** The fields every new ELBv2 record starts with. */
export const recordBase = (context: Elbv2Context, arn: string, region: string, tags: Tags): Elbv2Record => ({
  id: arn,
  region,
  createdAt: context.runtime.clock.now(),
  tags,
});
