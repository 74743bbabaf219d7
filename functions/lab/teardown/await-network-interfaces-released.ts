import { paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import { DependencyStillPresent } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { collect } from '../../commons/collect-pages';
import { idsOf } from './batch-outcome';
import { runVpcs } from './run-networks';
import type { TeardownInput } from './teardown-input';

/**
 * Done once no network interface is left in the run's VPCs. Those of deleted
 * endpoints, load balancers and instances linger for minutes after their
 * owner is gone, and hold their subnet and security groups until AWS
 * releases them: waiting here lets DeleteNetworks delete in one pass.
 */
export async function awaitNetworkInterfacesReleased({ runId }: TeardownInput, { clients }: StepDependencies): Promise<Record<string, never>> {
  const vpcIds = idsOf(await runVpcs(clients.ec2, runId), (vpc) => vpc.VpcId);
  if (vpcIds.length === 0) return {};
  const interfaces = await collect(
    paginateDescribeNetworkInterfaces({ client: clients.ec2 }, { Filters: [{ Name: 'vpc-id', Values: vpcIds }] }),
    (page) => page.NetworkInterfaces,
  );
  if (interfaces.length > 0) {
    const named = interfaces.map((eni) => `${eni.NetworkInterfaceId} (${eni.Status}, ${eni.Description || eni.InterfaceType || 'no description'})`);
    throw new DependencyStillPresent(`network interfaces still in the VPCs of ${runId}: ${named.join(', ')}`);
  }
  return {};
}
