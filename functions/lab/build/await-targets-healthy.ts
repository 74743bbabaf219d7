import { DescribeTargetHealthCommand, type TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LabStepFailed, NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import type { LabRun } from '../lab-run';
import type { LoadBalancer, WebServers } from '../lab-state';
import { WEB_PORT } from '../lab-topology';

/** States a registered target passes through on its way to `healthy` (NLB guide, "Target health status"). */
const ON_THE_WAY = new Set(['initial', 'unhealthy']);

const described = (description: TargetHealthDescription): string => {
  const health = description.TargetHealth;
  return `${description.Target?.Id ?? 'a target'} ${health?.State ?? 'in no state'}${health?.Reason ? ` (${health.Reason})` : ''}`;
};

/**
 * AwaitTargetsHealthy (service lesson): both web servers are `healthy` in the
 * target group, so the NLB forwards the verification's curl to them. A new
 * target is `initial` for minutes (registration, then the initial health
 * checks) and the NLB sends it nothing meanwhile, so this is NotReady until
 * then. `unhealthy` is NotReady too (the checks may still pass); `unused` or
 * `draining` means the target is not in service at all, which no wait mends.
 */
export async function awaitTargetsHealthy(
  input: { run: LabRun; webServers: WebServers; loadBalancer: LoadBalancer },
  { clients: { elbv2 } }: StepDependencies,
): Promise<{ healthyInstanceIds: string[] }> {
  const { TargetHealthDescriptions = [] } = await elbv2.send(
    new DescribeTargetHealthCommand({
      TargetGroupArn: input.loadBalancer.targetGroupArn,
      Targets: input.webServers.instanceIds.map((Id) => ({ Id, Port: WEB_PORT })),
    }),
  );
  const notHealthy = TargetHealthDescriptions.filter((description) => description.TargetHealth?.State !== 'healthy');
  const outOfService = notHealthy.filter((description) => !ON_THE_WAY.has(description.TargetHealth?.State ?? ''));
  if (outOfService.length > 0) throw new LabStepFailed(`web servers not in service behind the load balancer: ${outOfService.map(described).join(', ')}`);
  if (notHealthy.length > 0) throw new NotReady(`web servers not healthy yet: ${notHealthy.map(described).join(', ')}`);
  if (TargetHealthDescriptions.length < input.webServers.instanceIds.length) {
    throw new LabStepFailed(`ELBv2 described ${TargetHealthDescriptions.length} of the ${input.webServers.instanceIds.length} web servers asked about`);
  }
  return { healthyInstanceIds: input.webServers.instanceIds };
}
