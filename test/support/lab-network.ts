import { CreateSubnetCommand, CreateVpcCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { REGION } from './local-cloud-fixture';

/** A VPC with one subnet in the fixture's region, made through the SDK as a user would. */
export async function vpcWithSubnet(ec2: EC2Client, vpcCidr: string, subnetCidr: string): Promise<{ vpcId: string; subnetId: string }> {
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: vpcCidr }));
  const { Subnet } = await ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: subnetCidr, AvailabilityZone: `${REGION}a` }));
  return { vpcId: Vpc!.VpcId!, subnetId: Subnet!.SubnetId! };
}
