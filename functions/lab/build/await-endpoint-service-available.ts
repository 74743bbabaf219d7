import { DescribeVpcEndpointServiceConfigurationsCommand } from '@aws-sdk/client-ec2';
import { LabStepFailed, NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import { stateIs } from '../aws/ec2-states';
import type { LabRun } from '../lab-run';
import type { EndpointService } from '../lab-state';
import { requireOwned } from '../aws/run-ownership';

/** AwaitEndpointServiceAvailable (service lesson): NotReady while the service is `Pending`; `Failed` (or deleting) fails the step. */
export async function awaitEndpointServiceAvailable(input: { run: LabRun; endpointService: EndpointService }, { clients: { ec2 } }: StepDependencies): Promise<{ serviceState: string }> {
  const { serviceId } = input.endpointService;
  const { ServiceConfigurations } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
  const service = answered(ServiceConfigurations?.[0], `endpoint service ${serviceId}`);
  requireOwned('endpoint service', serviceId, service.Tags, input.run.runId);
  const state = service.ServiceState ?? 'unknown';
  if (stateIs(state, 'Available')) return { serviceState: state };
  if (stateIs(state, 'Pending')) throw new NotReady(`endpoint service ${serviceId} is Pending`);
  throw new LabStepFailed(`endpoint service ${serviceId} is ${state} and will not become Available`);
}
