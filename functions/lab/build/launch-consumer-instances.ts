import type { StepDependencies } from '../../commons/lab-step';
import { launchInstance } from './launch-instance';
import type { LabRun } from '../lab-run';
import type { Consumer, ConsumerInstances, Plan } from '../lab-state';
import { LOGICAL } from '../lab-topology';

/**
 * LaunchConsumerInstances: one instance in each consumer subnet. The public
 * one gets a public address from its subnet; the private one has none and
 * reaches SSM only through the management endpoints.
 */
export async function launchConsumerInstances(input: { run: LabRun; plan: Plan; consumer: Consumer }, { clients: { ec2 } }: StepDependencies): Promise<ConsumerInstances> {
  const { run, plan, consumer } = input;
  const securityGroupId = consumer.instanceSecurityGroupId;
  return {
    publicInstanceId: await launchInstance(ec2, run, LOGICAL.publicInstance, { amiId: plan.amiId, subnetId: consumer.publicSubnetId, securityGroupId }),
    privateInstanceId: await launchInstance(ec2, run, LOGICAL.privateInstance, { amiId: plan.amiId, subnetId: consumer.privateSubnetId, securityGroupId }),
  };
}
