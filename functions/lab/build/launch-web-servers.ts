import type { StepDependencies } from '../../commons/lab-step';
import { launchInstance } from './launch-instance';
import type { LabRun } from '../lab-run';
import type { Plan, Provider, WebServers } from '../lab-state';
import { LOGICAL, webServerScript } from '../lab-topology';

/** LaunchWebServers (service lesson): web server N in provider subnet N, serving "Endpoint Service Web Server N". */
export async function launchWebServers(input: { run: LabRun; plan: Plan; provider: Provider }, { clients: { ec2 } }: StepDependencies): Promise<WebServers> {
  const { run, plan, provider } = input;
  const instanceIds: string[] = [];
  for (const [index, subnetId] of provider.subnetIds.entries()) {
    const n = index + 1;
    const { instanceId } = await launchInstance(ec2, run, LOGICAL.webServer(n), { amiId: plan.amiId, subnetId, securityGroupId: provider.webSecurityGroupId, userData: webServerScript(n) });
    instanceIds.push(instanceId);
  }
  return { instanceIds };
}
