import { Validations } from 'aws-cdk-lib';
import { InstanceProfile, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * What the lab's EC2 instances run as: SSM-managed (Run Command types the
 * lessons' checks on them) and nothing else.
 */
export class LabInstanceProfile extends Construct {
  readonly role: Role;
  readonly instanceProfile: InstanceProfile;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      description: 'vpce-lab instances: SSM Agent only',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'lab instance role: AmazonSSMManagedInstanceCore is the minimum SSM Agent needs to register and run commands, and AWS keeps it current with the agent',
    });
    this.instanceProfile = new InstanceProfile(this, 'InstanceProfile', { role: this.role });
  }
}
