import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { unlessGone } from '../../commons/aws-error-code';
import type { StepDependencies } from '../../commons/lab-step';
import { idsOf } from './batch-outcome';
import { runInstances } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

export interface TerminatedInstances {
  readonly instanceIds: string[];
}

/**
 * Terminates the run's instances that are not already on their way out. One
 * call for all of them; if EC2 refuses it because one is unknown (listed a
 * moment ago, gone now), each is terminated on its own.
 */
export async function terminateInstances({ runId }: TeardownInput, { clients }: StepDependencies): Promise<TerminatedInstances> {
  const ids = idsOf(await runInstances(clients.ec2, runId, ['pending', 'running', 'stopping', 'stopped']), (instance) => instance.InstanceId);
  if (ids.length === 0) return { instanceIds: [] };
  const terminate = (instanceIds: string[]) => unlessGone(() => clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: instanceIds })));
  if (await terminate(ids)) return { instanceIds: ids };
  const terminated: string[] = [];
  for (const id of ids) if (await terminate([id])) terminated.push(id);
  return { instanceIds: terminated };
}
