import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { amazonLinuxAmi, consumerNetwork, labInstance, securityGroup } from './lab-topology';
import type { Scenario } from './scenario';

/** The public AMI parameter, managed nodes and Run Command on the lab's public instance. */
export const SSM_SCENARIOS: Record<string, Scenario> = {
  'systems manager': async (run) => {
    const { ssm } = run.clients;
    const network = await consumerNetwork(run);
    const groupId = await securityGroup(run, 'instances', network.vpcId, [22], network.cidr);
    const instanceId = await labInstance(run, 'public', await amazonLinuxAmi(run), network.publicSubnetId, groupId, { publicIp: true });
    run.settle();
    const information = await run.stepIfImplemented('DescribeInstanceInformation', () =>
      ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] })),
    );
    if (information) run.observe('managed node', { PingStatus: information.InstanceInformationList![0]!.PingStatus });

    const { Command } = await run.step('SendCommand', () =>
      ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands: ['echo vpce-lab'] } })),
    );
    run.observe('command on send', { DocumentName: Command!.DocumentName });
    run.settle();
    const invocation = await run.step('GetCommandInvocation', () => ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: instanceId })));
    run.observe('invocation once settled', { Status: invocation.Status, ResponseCode: String(invocation.ResponseCode) });
  },
};
