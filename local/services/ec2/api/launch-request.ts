import type { IamInstanceProfileSpecification, InstanceNetworkInterfaceSpecification, RunInstancesRequest } from '@aws-sdk/client-ec2';
import { type Tags, tagsFromSpecifications } from '../../../cloud/tags';
import type { InputModel } from '../../../protocol/modelled-input';
import { invalidParameterValue, missingParameter } from '../../../protocol/service-error';
import { availabilityZones } from '../model/availability-zones';
import { defaultSubnetFor, groupIdsByName } from '../model/default-vpc';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { SubnetRecord } from '../model/ec2-records';
import { requireInstanceType } from '../model/instance-types';
import type { LaunchSpec } from '../model/instances';
import { securityGroupsForInterface } from '../model/interface-security-groups';
import { decodeUserData, webPageOf } from '../model/user-data';
import { requireInstanceTypeOffered } from '../model/zone-offerings';
import { publicParameter } from '../../ssm/model/public-parameters';
import { requireWellFormedIds } from './resource-ids';
import { subnetNotFound } from './subnet-api';
import { invalidParameterCombination } from '../model/ec2-errors';

/** Where a launch puts its instances' primary interface, from either of RunInstances' two ways of saying it. */
interface Placement {
  readonly subnetId?: string;
  readonly groupIds?: string[];
  /** Security groups by name (`SecurityGroups`): only a launch into the default VPC takes them. */
  readonly groupNames?: string[];
  readonly associatePublicIp?: boolean;
  readonly description?: string;
}

/**
 * What `placementOf` reads of `NetworkInterfaces`: one new primary interface
 * (an existing one, named by id, it refuses). The model deletes that
 * interface with its instance, which `DeleteOnTermination: true` asks for
 * ("If set to true, the interface is deleted when the instance is
 * terminated", EC2 API Reference, InstanceNetworkInterfaceSpecification);
 * keeping it is not modelled.
 */
export const LAUNCH_INTERFACES: InputModel<InstanceNetworkInterfaceSpecification> = {
  DeviceIndex: true,
  NetworkInterfaceId: true,
  SubnetId: true,
  Groups: true,
  AssociatePublicIpAddress: true,
  Description: true,
  DeleteOnTermination: [true],
};

/**
 * What `launchSubnet` reads of `Placement`: the zone, which picks the default
 * subnet of a launch without one and must be the subnet's zone otherwise.
 */
export const LAUNCH_PLACEMENT: InputModel<RunInstancesRequest['Placement'] & object> = { AvailabilityZone: true };

function placementOf(input: RunInstancesRequest): Placement {
  const [primary, ...others] = input.NetworkInterfaces ?? [];
  if (!primary) {
    if (input.SecurityGroups?.length && input.SubnetId) {
      throw invalidParameterCombination('The parameter groupName cannot be used with the parameter subnet');
    }
    return { subnetId: input.SubnetId, groupIds: input.SecurityGroupIds, groupNames: input.SecurityGroups };
  }
  if (input.SubnetId) throw invalidParameterCombination('Network interfaces and an instance-level subnet ID may not be specified on the same request');
  if (input.SecurityGroupIds?.length || input.SecurityGroups?.length) {
    throw invalidParameterCombination('Network interfaces and an instance-level security groups may not be specified on the same request');
  }
  if (primary.DeviceIndex === undefined) throw invalidParameterValue('Each network interface requires a device index.');
  if (others.length > 0 || primary.DeviceIndex !== 0 || primary.NetworkInterfaceId) {
    throw invalidParameterValue('The local cloud launches instances with one new network interface, at device index 0.');
  }
  return { subnetId: primary.SubnetId, groupIds: primary.Groups, associatePublicIp: primary.AssociatePublicIpAddress, description: primary.Description };
}

/**
 * The subnet a launch goes in: the one named, else the default subnet of the
 * zone asked for (or the region's first) in the default VPC
 * (`defaultSubnetFor`). An unknown zone is refused as EC2 refuses it,
 * "Invalid availability zone: [<zone>]", and a zone other than the named
 * subnet's with "Value (<zone>) for parameter availabilityZone is invalid.
 * Subnet '<id>' is in the availability zone <zone>" (both as AWS users quote
 * them: github.com/newsapps/beeswithmachineguns/issues/90, InQuicker/kaws/pull/11;
 * no AWS page states them).
 */
function launchSubnet(context: Ec2Context, region: string, subnetId: string | undefined, zoneName: string | undefined): SubnetRecord {
  if (zoneName !== undefined && !availabilityZones(region).some((zone) => zone.zoneName === zoneName)) {
    throw invalidParameterValue(`Invalid availability zone: [${zoneName}]`);
  }
  if (!subnetId) return defaultSubnetFor(context, region, zoneName);
  const subnet = requireOne(context, context.tables.subnets, subnetId, 'SubnetId', subnetNotFound);
  if (zoneName !== undefined && zoneName !== subnet.availabilityZone) {
    throw invalidParameterValue(`Value (${zoneName}) for parameter availabilityZone is invalid. Subnet '${subnet.id}' is in the availability zone ${subnet.availabilityZone}`);
  }
  return subnet;
}

/** The ARN EC2 shows for the profile named by ARN or by name (no IAM here to check it exists). */
function instanceProfileArn(profile: IamInstanceProfileSpecification | undefined, accountId: string): string | undefined {
  if (profile?.Arn) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/[\w+=,.@/-]+$/.test(profile.Arn)) {
      throw invalidParameterValue(`Value (${profile.Arn}) for parameter iamInstanceProfile.arn is invalid. Invalid ARN`);
    }
    return profile.Arn;
  }
  return profile?.Name ? `arn:aws:iam::${accountId}:instance-profile/${profile.Name}` : undefined;
}

const LAUNCH_TAGGABLE = ['instance', 'network-interface', 'volume'];

/**
 * The tags a launch gives its instances and their interfaces. Volume tags
 * are checked like the others, but the local cloud keeps no volumes to carry them.
 */
function launchTags(input: RunInstancesRequest): { tags: Tags; interfaceTags: Tags } {
  const specs = input.TagSpecifications ?? [];
  const foreign = specs.find((spec) => !LAUNCH_TAGGABLE.includes(spec.ResourceType ?? ''));
  if (foreign) throw invalidParameterValue(`'${foreign.ResourceType ?? ''}' is not a valid taggable resource type for this operation.`);
  const tagsFor = (type: string): Tags => tagsFromSpecifications(specs.filter((spec) => spec.ResourceType === type), type);
  tagsFor('volume'); // refused when malformed, kept nowhere
  return { tags: tagsFor('instance'), interfaceTags: tagsFor('network-interface') };
}

function launchCounts(input: RunInstancesRequest): { minCount: number; maxCount: number } {
  const { MinCount: minCount, MaxCount: maxCount } = input;
  if (minCount === undefined) throw missingParameter('MinCount');
  if (maxCount === undefined) throw missingParameter('MaxCount');
  if (maxCount < 1) throw invalidParameterValue('Maximum instance count must be greater than zero');
  if (minCount < 1) throw invalidParameterValue('Minimum instance count must be greater than zero');
  if (minCount > maxCount) throw invalidParameterValue(`Value (${minCount}) for parameter minCount is invalid. It must not exceed maxCount (${maxCount}).`);
  return { minCount, maxCount };
}

const RESOLVE_SSM = 'resolve:ssm:';

/**
 * `resolve:ssm:<parameter>` names the AMI by a Systems Manager parameter and
 * EC2 launches the AMI it holds ("Use a Systems Manager parameter instead of
 * an AMI ID", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html#using-systems-manager-parameter-to-find-AMI).
 * The parameters that exist here are the public Amazon Linux ones. AWS's
 * answer for a parameter that does not exist is not documented: it is refused
 * as an invalid value naming the parameter (no source for the code).
 */
function resolveImageId(region: string, imageId: string): string {
  if (!imageId.startsWith(RESOLVE_SSM)) return imageId;
  const name = imageId.slice(RESOLVE_SSM.length);
  const parameter = publicParameter(region, name);
  if (!parameter) throw invalidParameterValue(`Value (${imageId}) for parameter imageId is invalid: the Systems Manager parameter ${name} does not exist in ${region}.`);
  return parameter.value;
}

/** RunInstances' input checked in the order EC2 reports problems, as a launch the model can carry out. */
export function launchRequest(context: Ec2Context, region: string, input: RunInstancesRequest): { spec: LaunchSpec; counts: { minCount: number; maxCount: number } } {
  if (!input.ImageId) throw missingParameter('ImageId');
  const imageId = resolveImageId(region, input.ImageId);
  requireWellFormedIds([imageId], 'ami', 'InvalidAMIID.Malformed');
  const instanceType = requireInstanceType(input.InstanceType);
  const counts = launchCounts(input);
  const placement = placementOf(input);
  // Names first: without a default VPC, EC2 refuses them with the message that names the GroupName.
  const groupIds = placement.groupNames?.length ? groupIdsByName(context, region, placement.groupNames) : placement.groupIds;
  const subnet = launchSubnet(context, region, placement.subnetId, input.Placement?.AvailabilityZone);
  requireInstanceTypeOffered(context.runtime.zoneGaps, subnet.region, subnet.availabilityZone, instanceType);
  const script = input.UserData === undefined ? undefined : decodeUserData(input.UserData);
  return {
    counts,
    spec: {
      imageId,
      instanceType,
      subnet,
      groupIds: securityGroupsForInterface(context, subnet, groupIds),
      associatePublicIp: placement.associatePublicIp,
      interfaceDescription: placement.description,
      iamInstanceProfileArn: instanceProfileArn(input.IamInstanceProfile, context.runtime.accountId),
      userData: input.UserData,
      webPage: script === undefined ? undefined : webPageOf(script),
      keyName: input.KeyName,
      clientToken: input.ClientToken,
      ...launchTags(input),
    },
  };
}
