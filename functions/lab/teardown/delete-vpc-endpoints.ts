import { DeleteVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { StepDependencies } from '../../commons/lab-step';
import { changedIds, idsOf } from './batch-outcome';
import { stateIs } from '../aws/ec2-states';
import { runVpcEndpoints } from './run-ec2-resources';
import type { TeardownInput } from './teardown-input';

export interface DeletedVpcEndpoints {
  readonly vpcEndpointIds: string[];
}

/**
 * Asks EC2 to delete every VPC endpoint of the run (gateway, interface, and
 * the consumer endpoint to the lab's service). Deletion goes on in AWS;
 * the endpoint service's deletion waits for it (ExistingVpcEndpointConnections
 * is retried as DependencyStillPresent).
 */
export async function deleteVpcEndpoints({ runId }: TeardownInput, { clients }: StepDependencies): Promise<DeletedVpcEndpoints> {
  const endpoints = await runVpcEndpoints(clients.ec2, runId);
  const ids = idsOf(
    endpoints.filter((endpoint) => !stateIs(endpoint.State, 'deleting', 'deleted')),
    (endpoint) => endpoint.VpcEndpointId,
  );
  if (ids.length === 0) return { vpcEndpointIds: [] };
  const { Unsuccessful } = await clients.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ids }));
  return { vpcEndpointIds: changedIds('DeleteVpcEndpoints', ids, Unsuccessful) };
}
