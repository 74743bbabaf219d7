import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { InstanceProfile, ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TAG } from '../functions/commons/lab-tags';
import { nagResourceFinding } from './nag-findings';
import { BASTION_OS_USER } from '../functions/lab/verification/bastion-hop';

/**
 * What the lab's EC2 instances run as: SSM-managed (Run Command types the
 * lessons' checks on the public one) and, for the hop to the private one,
 * EC2 Instance Connect's SendSSHPublicKey on lab instances for the lab's OS
 * user only. One role serves every run, so IAM cannot bind the hop to the
 * run's own instance; the check names it by id.
 */
export class LabInstanceProfile extends Construct {
  readonly role: Role;
  readonly instanceProfile: InstanceProfile;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      description: 'vpce-lab instances: SSM Agent, and SendSSHPublicKey to lab instances as the lab user',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'lab instance role: AmazonSSMManagedInstanceCore is the minimum SSM Agent needs to register and run commands, and AWS keeps it current with the agent',
    });
    // ec2:osuser and aws:ResourceTag are the conditions SendSSHPublicKey supports
    // (Service Authorization Reference, "Actions defined by Amazon EC2 Instance Connect").
    const instances = Stack.of(this).formatArn({ service: 'ec2', resource: 'instance', resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['ec2-instance-connect:SendSSHPublicKey'],
        resources: [instances],
        conditions: { StringEquals: { 'ec2:osuser': BASTION_OS_USER, [`aws:ResourceTag/${TAG.managed}`]: 'true' } },
      }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[${nagResourceFinding(Stack.of(this), instances)}]`,
      reason: "lab instance role: a run's instance ids are not known when the stack deploys; SendSSHPublicKey is bound to lab-tagged instances and the lab's OS user by its conditions",
    });
    this.instanceProfile = new InstanceProfile(this, 'InstanceProfile', { role: this.role });
  }
}
