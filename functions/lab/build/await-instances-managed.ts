import { paginateDescribeInstanceInformation, type SSMClient } from '@aws-sdk/client-ssm';
import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { collect } from '../../commons/collect-pages';
import { instanceProgress } from './instance-states';
import type { LabRun } from '../lab-run';
import type { ConsumerInstances } from '../lab-state';

/** The instances among `ids` whose SSM Agent is `Online` (a filter needs at least one value, so none asked is none online). */
async function onlineInSsm(ssm: SSMClient, ids: readonly string[]): Promise<Set<string | undefined>> {
  if (ids.length === 0) return new Set();
  const nodes = await collect(paginateDescribeInstanceInformation({ client: ssm }, { Filters: [{ Key: 'InstanceIds', Values: [...ids] }] }), (page) => page.InstanceInformationList);
  return new Set(nodes.filter((node) => node.PingStatus === 'Online').map((node) => node.InstanceId));
}

/**
 * AwaitInstancesManaged: the public instance `Online` in SSM (the checks are
 * typed on it through Run Command) and the private one running (reached by
 * ssh from the public one; it has no way to SSM and is never managed).
 * NotReady names each instance still missing and what it is waiting for.
 */
export async function awaitInstancesManaged(
  input: { run: LabRun; consumerInstances: ConsumerInstances },
  { clients }: StepDependencies,
): Promise<{ managedInstanceIds: string[] }> {
  const { publicInstanceId, privateInstanceId } = input.consumerInstances;
  const ids = [publicInstanceId, privateInstanceId];
  const { running, pending } = await instanceProgress(clients.ec2, input.run.runId, ids);
  const online = await onlineInSsm(clients.ssm, running.filter((id) => id === publicInstanceId));
  const waiting = [
    ...pending.map((id) => `${id} is still starting (pending)`),
    ...(running.includes(publicInstanceId) && !online.has(publicInstanceId) ? [`${publicInstanceId} is running but not yet Online in SSM`] : []),
  ];
  if (waiting.length > 0) throw new NotReady(`consumer instances not ready yet: ${waiting.join('; ')}`);
  return { managedInstanceIds: [publicInstanceId] };
}
