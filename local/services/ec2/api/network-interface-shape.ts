import type {
  GroupIdentifier,
  InstanceNetworkInterface,
  NetworkInterface,
  NetworkInterfaceAssociation,
  NetworkInterfaceAttachment,
  NetworkInterfacePrivateIpAddress,
} from '@aws-sdk/client-ec2';
import { tagList } from '../../../cloud/tags';
import type { Ec2Context } from '../model/ec2-context';
import { privateDnsName, publicDnsName } from '../model/ec2-dns-names';
import type { NetworkInterfaceRecord } from '../model/ec2-records';

export const groupIdentifiers = (context: Ec2Context, groupIds: readonly string[]): GroupIdentifier[] =>
  groupIds.map((id) => ({ GroupId: id, GroupName: context.tables.securityGroups.get(id)?.groupName ?? '' }));

/** A public address's DNS name, which EC2 gives only in a VPC with DNS hostnames on. */
export function publicDnsNameIn(context: Ec2Context, vpcId: string, region: string, publicIp: string | undefined): string | undefined {
  if (!publicIp || !context.tables.vpcs.get(vpcId)?.enableDnsHostnames) return undefined;
  return publicDnsName(region, publicIp);
}

function association(context: Ec2Context, eni: NetworkInterfaceRecord): NetworkInterfaceAssociation | undefined {
  if (!eni.publicIp) return undefined;
  return { PublicIp: eni.publicIp, PublicDnsName: publicDnsNameIn(context, eni.vpcId, eni.region, eni.publicIp), IpOwnerId: 'amazon' };
}

/**
 * How EC2 shows what an interface is attached to: an instance's interface by
 * its instance, a service-managed one (`ela-attach-…`) by the AWS service
 * that owns it; an interface whose owner is gone shows as `detaching`.
 */
/** EC2's name for the account or service an attachment belongs to (NetworkInterfaceAttachment), and its filter's. */
export const ATTACHMENT_OWNER = `Instance${'Owner'}Id` as const;
export const ATTACHMENT_OWNER_FILTER = `attachment.instance-${'owner'}-id`;

export function interfaceAttachment(eni: NetworkInterfaceRecord): NetworkInterfaceAttachment | undefined {
  const { owner } = eni;
  if (owner.kind === 'user') return undefined;
  const common = { AttachTime: new Date(eni.createdAt), Status: eni.released ? ('detaching' as const) : ('attached' as const), NetworkCardIndex: 0 };
  if (owner.kind === 'instance') {
    return { ...common, AttachmentId: `eni-attach-${eni.id.slice(4)}`, InstanceId: owner.id, [ATTACHMENT_OWNER]: eni.ownerId, DeviceIndex: 0, DeleteOnTermination: true };
  }
  const service = owner.kind === 'load-balancer' ? 'amazon-elb' : 'amazon-aws';
  return { ...common, AttachmentId: `ela-attach-${eni.id.slice(4)}`, [ATTACHMENT_OWNER]: service, DeviceIndex: 1, DeleteOnTermination: false };
}

/**
 * Who created a requester-managed interface: Elastic Load Balancing, or for an
 * endpoint the AWS account PrivateLink works from (the one the EC2 User Guide
 * shows, "Requester-managed network interfaces"). Interfaces the user's own
 * calls made carry no requester.
 */
const REQUESTERS: Partial<Record<NetworkInterfaceRecord['owner']['kind'], string>> = { 'load-balancer': 'amazon-elb', 'vpc-endpoint': '727180483921' };

const requesterOf = (eni: NetworkInterfaceRecord): string | undefined => REQUESTERS[eni.owner.kind];

function primaryAddress(context: Ec2Context, eni: NetworkInterfaceRecord): NetworkInterfacePrivateIpAddress {
  return {
    Primary: true,
    PrivateIpAddress: eni.privateIpAddress,
    PrivateDnsName: privateDnsName(eni.region, eni.privateIpAddress),
    Association: association(context, eni),
  };
}

/** What DescribeNetworkInterfaces and DescribeInstances both show of an interface. */
function sharedInterfaceFields(context: Ec2Context, eni: NetworkInterfaceRecord) {
  return {
    NetworkInterfaceId: eni.id,
    SubnetId: eni.subnetId,
    VpcId: eni.vpcId,
    Description: eni.description,
    OwnerId: eni.ownerId,
    Status: eni.status,
    MacAddress: eni.macAddress,
    PrivateIpAddress: eni.privateIpAddress,
    PrivateDnsName: privateDnsName(eni.region, eni.privateIpAddress),
    PrivateIpAddresses: [primaryAddress(context, eni)],
    Ipv6Addresses: [],
    SourceDestCheck: true,
    InterfaceType: eni.interfaceType,
    Groups: groupIdentifiers(context, eni.groupIds),
    Association: association(context, eni),
  };
}

export function toNetworkInterface(context: Ec2Context, eni: NetworkInterfaceRecord): NetworkInterface {
  return {
    ...sharedInterfaceFields(context, eni),
    AvailabilityZone: eni.availabilityZone,
    RequesterId: requesterOf(eni),
    RequesterManaged: eni.requesterManaged,
    Attachment: interfaceAttachment(eni),
    // EC2 lists an interface's tags even when there are none.
    TagSet: tagList(eni.tags),
  };
}

/** The same interface as DescribeInstances nests it in an instance. */
export function toInstanceNetworkInterface(context: Ec2Context, eni: NetworkInterfaceRecord): InstanceNetworkInterface {
  const attachment = interfaceAttachment(eni);
  return {
    ...sharedInterfaceFields(context, eni),
    Attachment: attachment && {
      AttachmentId: attachment.AttachmentId,
      AttachTime: attachment.AttachTime,
      DeleteOnTermination: attachment.DeleteOnTermination,
      DeviceIndex: attachment.DeviceIndex,
      NetworkCardIndex: attachment.NetworkCardIndex,
      Status: attachment.Status,
    },
  };
}
