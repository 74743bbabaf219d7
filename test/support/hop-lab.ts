import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { awsSeconds } from '../../contract/latency-profile';
import { TAG } from '../../functions/commons/lab-tags';
import { bastionScript } from '../../functions/lab/verification/bastion-hop';
import { LOCAL_ACCOUNT_ID } from '../../local/cloud/cloud-runtime';
import { LabIdentities } from '../../local/iam/lab-identities';
import { type LocalCloudFixture, REGION } from './local-cloud-fixture';
import type { PacedLocalCloud } from './paced-local-cloud';
import { type ConsumerNetwork, consumerNetwork, launch, runScript, type ScriptRun } from './ssm-lab';

/** The lab's IAM as the local cloud enforces it, and the instance profile the stack deploys. */
export const labIdentities = (): LabIdentities => LabIdentities.fromFile({ partition: 'aws', region: REGION, accountId: LOCAL_ACCOUNT_ID });
export const labInstanceProfile = (identities: LabIdentities): string => {
  const [profile] = identities.instanceProfiles.keys();
  if (!profile) throw new Error('local/iam/lab-policies.json names no instance profile');
  return profile;
};

/** An instance with the lab's instance profile, tagged as the lab's unless `untagged`. */
export const launchLabInstance = (ec2: EC2Client, subnetId: string, groupId: string, options: { profileArn: string; publicIp?: boolean; untagged?: boolean }): Promise<string> =>
  launch(ec2, subnetId, groupId, { profileArn: options.profileArn, publicIp: options.publicIp, tags: options.untagged ? {} : { [TAG.managed]: 'true' } });

export async function privateIpOf(ec2: EC2Client, instanceId: string): Promise<string> {
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return Reservations![0]!.Instances![0]!.PrivateIpAddress!;
}

/** A security group of the network's VPC admitting TCP 22 from `cidr`, or nothing when none is given. */
export async function sshGroup(ec2: EC2Client, network: ConsumerNetwork, name: string, cidr?: string): Promise<string> {
  const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ VpcId: network.vpcId, GroupName: name, Description: name }));
  if (cidr) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }] }] }));
  return GroupId!;
}

/**
 * The lab's consumer VPC `10.<n>.0.0/16` with the hop's two instances: the
 * public one (SSM-managed over its internet route), and the private one in a
 * group admitting ssh from the public subnet, both with the lab's instance
 * profile and tag.
 */
export async function hopLab(local: LocalCloudFixture, identities: LabIdentities, n: number) {
  const network = await consumerNetwork(local.ec2, n);
  const profileArn = labInstanceProfile(identities);
  const privateGroupId = await sshGroup(local.ec2, network, `private-ssh-${n}`, `10.${n}.0.0/24`);
  const publicInstance = await launchLabInstance(local.ec2, network.publicSubnetId, network.instanceGroupId, { profileArn, publicIp: true });
  const privateInstance = await launchLabInstance(local.ec2, network.privateSubnetId, privateGroupId, { profileArn });
  local.cloud.settle();
  return { network, profileArn, privateGroupId, publicInstance, privateInstance, privateIp: await privateIpOf(local.ec2, privateInstance) };
}

export type HopLab = Awaited<ReturnType<typeof hopLab>>;

/** The lab's own hop script for one check, run on the public instance through SSM. */
export const runHop = (local: LocalCloudFixture, lab: HopLab, checkId: string, command: string, target = { instanceId: lab.privateInstance, privateIp: lab.privateIp }): Promise<ScriptRun> =>
  runScript(local, lab.publicInstance, bastionScript(checkId, command, { region: REGION, ...target }));

/**
 * Runs a script through SSM on a paced cloud (its clock stopped between
 * steps): the agent takes it a second later and runs it at that moment; the
 * invocation is read once `seconds` of AWS time have passed.
 */
export async function runPacedScript(paced: PacedLocalCloud, instanceId: string, commands: string[], seconds = 300): Promise<ScriptRun & { elapsed?: string }> {
  const { Command } = await paced.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands } }));
  paced.awsTimePasses(awsSeconds('ssmCommandDelivered'));
  paced.awsTimePasses(seconds);
  const invocation = await paced.ssm.send(new GetCommandInvocationCommand({ CommandId: Command!.CommandId!, InstanceId: instanceId }));
  return { status: invocation.Status, code: invocation.ResponseCode, stdout: invocation.StandardOutputContent, stderr: invocation.StandardErrorContent, elapsed: invocation.ExecutionElapsedTime };
}
