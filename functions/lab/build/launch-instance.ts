import { type EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { clientToken } from '../../commons/client-token';
import { runTags } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import { labSettings } from '../lab-settings';
import { INSTANCE_TYPE } from '../lab-topology';

export interface InstanceSpec {
  readonly amiId: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly userData?: string;
}

/** `LAB_INSTANCE_PROFILE` may name the profile or give its ARN; RunInstances takes either, in its own field. */
const instanceProfile = (profile: string | undefined) => (profile === undefined ? undefined : profile.startsWith('arn:') ? { Arn: profile } : { Name: profile });

/**
 * One instance of the run, launched once: RunInstances' ClientToken makes a
 * retry answer with the first attempt's instance. The instance, its network
 * interface and its volume carry the run's tags from the start.
 */
export interface LaunchedInstance {
  readonly instanceId: string;
  /** Known from RunInstances' answer: EC2 gives the address when it creates the network interface. */
  readonly privateIpAddress: string;
}

export async function launchInstance(ec2: EC2Client, run: LabRun, logicalName: string, spec: InstanceSpec): Promise<LaunchedInstance> {
  const tags = runTags(run, logicalName);
  const { Instances } = await ec2.send(
    new RunInstancesCommand({
      ImageId: spec.amiId,
      InstanceType: INSTANCE_TYPE,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: spec.subnetId,
      SecurityGroupIds: [spec.securityGroupId],
      IamInstanceProfile: instanceProfile(labSettings().instanceProfile),
      UserData: spec.userData === undefined ? undefined : Buffer.from(spec.userData).toString('base64'),
      ClientToken: clientToken(run.runId, logicalName),
      TagSpecifications: (['instance', 'network-interface', 'volume'] as const).map((ResourceType) => ({ ResourceType, Tags: tags })),
    }),
  );
  const [instance] = Instances ?? [];
  return {
    instanceId: answered(instance?.InstanceId, `the ${logicalName} instance`),
    privateIpAddress: answered(instance?.PrivateIpAddress, `the ${logicalName} instance's private address`),
  };
}
