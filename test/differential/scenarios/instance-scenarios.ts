import { DeleteNetworkInterfaceCommand, DescribeInstancesCommand, DescribeNetworkInterfacesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { amazonLinuxAmi, consumerNetwork, labInstance, securityGroup } from './lab-topology';
import type { Run, Scenario } from './scenario';

/** The consumer network with one lab instance in `subnet`, running once the target has settled. */
async function instanceIn(run: Run, subnet: 'public' | 'private') {
  const network = await consumerNetwork(run);
  const groupId = await securityGroup(run, 'instances', network.vpcId, [22], network.cidr);
  const subnetId = subnet === 'public' ? network.publicSubnetId : network.privateSubnetId;
  const instanceId = await labInstance(run, subnet, await amazonLinuxAmi(run), subnetId, groupId, { publicIp: subnet === 'public' });
  run.settle();
  return { network, instanceId };
}

/** Instances and their network interfaces. */
export const INSTANCE_SCENARIOS: Record<string, Scenario> = {
  instances: async (run) => {
    const { ec2 } = run.clients;
    const { network, instanceId } = await instanceIn(run, 'public');
    const { Reservations } = await run.step('DescribeInstances', () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })));
    run.observe('state once settled', { State: Reservations![0]!.Instances![0]!.State!.Name });
    await run.step('DescribeInstances by state and VPC', () =>
      ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'instance-state-name', Values: ['pending', 'running'] },
            { Name: 'vpc-id', Values: [network.vpcId] },
          ],
        }),
      ),
    );
    const { TerminatingInstances } = await run.step('TerminateInstances', () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] })));
    run.observe('termination', { CurrentState: TerminatingInstances![0]!.CurrentState!.Name, PreviousState: TerminatingInstances![0]!.PreviousState!.Name });
    run.settle();
    const terminated = await run.step('DescribeInstances after TerminateInstances', () => ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })));
    run.observe('state after termination settled', { State: terminated.Reservations![0]!.Instances![0]!.State!.Name });
  },

  'network interfaces': async (run) => {
    const { ec2 } = run.clients;
    const { network, instanceId } = await instanceIn(run, 'private');
    const { NetworkInterfaces } = await run.step('DescribeNetworkInterfaces of the instance', () =>
      ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] })),
    );
    const eni = NetworkInterfaces![0]!;
    run.observe("instance's interface", { Status: eni.Status, InterfaceType: eni.InterfaceType, AttachmentStatus: eni.Attachment?.Status });
    await run.step('DescribeNetworkInterfaces by subnet', () =>
      ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [network.privateSubnetId] }] })),
    );
    await run.outcome('DeleteNetworkInterface in use', () => ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni.NetworkInterfaceId })));
  },
};
