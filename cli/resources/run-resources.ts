import type { LabConnection } from '../connection/lab-connection';
import { ec2RunResources } from './ec2-run-resources';
import { elbv2RunResources } from './elbv2-run-resources';
import type { RunResource } from './run-resource';

/** What still exists of a run (with `runId`) or of every run, as its tags say: the same source of truth the teardown works from. */
export async function runResources(connection: Pick<LabConnection, 'ec2' | 'elbv2'>, runId?: string): Promise<RunResource[]> {
  const [ec2, elbv2] = await Promise.all([ec2RunResources(connection.ec2, runId), elbv2RunResources(connection.elbv2, runId)]);
  return [...ec2, ...elbv2];
}

/** How many resources each run still holds. */
export function countByRun(resources: readonly RunResource[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { runId } of resources) counts.set(runId, (counts.get(runId) ?? 0) + 1);
  return counts;
}
