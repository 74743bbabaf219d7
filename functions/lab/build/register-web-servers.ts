import { RegisterTargetsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { requireOwnedElbv2 } from '../aws/elbv2-tags';
import { instanceProgress } from './instance-states';
import type { LabRun } from '../lab-run';
import type { LoadBalancer, WebServers } from '../lab-state';
import { WEB_PORT } from '../lab-topology';

/**
 * RegisterWebServers (service lesson): both web servers as targets of the
 * target group. ELBv2 refuses instances that are not running, so this is
 * NotReady until they all are; registering a registered target is a no-op,
 * which makes the step safe to repeat.
 */
export async function registerWebServers(
  input: { run: LabRun; webServers: WebServers; loadBalancer: LoadBalancer },
  { clients }: StepDependencies,
): Promise<{ registeredInstanceIds: string[] }> {
  const { run, webServers, loadBalancer } = input;
  const { pending } = await instanceProgress(clients.ec2, run.runId, webServers.instanceIds);
  if (pending.length > 0) throw new NotReady(`web servers still starting (pending): ${pending.join(', ')}`);
  await requireOwnedElbv2(clients.elbv2, 'target group', loadBalancer.targetGroupArn, run.runId);
  await clients.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: loadBalancer.targetGroupArn, Targets: webServers.instanceIds.map((Id) => ({ Id, Port: WEB_PORT })) }));
  return { registeredInstanceIds: webServers.instanceIds };
}
