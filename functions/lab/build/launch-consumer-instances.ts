import type { StepDependencies } from '../../commons/lab-step';
import { launchInstance } from './launch-instance';
import type { LabRun } from '../lab-run';
import type { Consumer, ConsumerInstances, Plan } from '../lab-state';
import { LOGICAL } from '../lab-topology';

/**
 * LaunchConsumerInstances: one instance in each consumer subnet. The public
 * one gets a public address from its subnet and is managed by SSM over the
 * internet; the private one has no way out and is reached by ssh from the
 * public one, as the lab's walk-through does.
 */
export async function launchConsumerInstances(input: { run: LabRun; plan: Plan; consumer: Consumer }, { clients: { ec2 } }: StepDependencies): Promise<ConsumerInstances> {
  const { run, plan, consumer } = input;
  const securityGroupId = consumer.instanceSecurityGroupId;
  const publicInstance = await launchInstance(ec2, run, LOGICAL.publicInstance, { amiId: plan.amiId, subnetId: consumer.publicSubnetId, securityGroupId });
  const privateInstance = await launchInstance(ec2, run, LOGICAL.privateInstance, { amiId: plan.amiId, subnetId: consumer.privateSubnetId, securityGroupId });
  return { publicInstanceId: publicInstance.instanceId, privateInstanceId: privateInstance.instanceId, privateInstanceIp: privateInstance.privateIpAddress };
}
