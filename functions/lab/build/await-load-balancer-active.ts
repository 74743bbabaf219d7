import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LabStepFailed, NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import type { LoadBalancer } from '../lab-state';

/**
 * AwaitLoadBalancerActive (service lesson): the NLB is `active`, which an
 * endpoint service needs. `provisioning` is NotReady; `failed` fails the
 * step with ELBv2's reason. Targets' health is not awaited here: the
 * verification's curl is what proves the service answers.
 */
export async function awaitLoadBalancerActive(input: { run: LabRun; loadBalancer: LoadBalancer }, { clients: { elbv2 } }: StepDependencies): Promise<{ state: string }> {
  const arn = input.loadBalancer.loadBalancerArn;
  const { LoadBalancers } = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }));
  const state = answered(LoadBalancers?.[0]?.State, `the state of load balancer ${arn}`);
  if (state.Code === 'active') return { state: state.Code };
  if (state.Code === 'failed') throw new LabStepFailed(`load balancer ${arn} failed to provision${state.Reason ? `: ${state.Reason}` : ''}`);
  throw new NotReady(`load balancer ${arn} is ${state.Code ?? 'in no state yet'}${state.Reason ? ` (${state.Reason})` : ''}`);
}
