import type {
  CreateSubnetRequest,
  CreateSubnetResult,
  DeleteSubnetRequest,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  ModifySubnetAttributeRequest,
  Subnet,
} from '@aws-sdk/client-ec2';
import { tagsFromSpecifications } from '../../../cloud/tags';
import { invalidParameterValue, missingParameter, ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type AvailabilityZone, availabilityZones, defaultAvailabilityZone } from '../model/availability-zones';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { SubnetRecord } from '../model/ec2-records';
import { freeAddressCount } from '../model/network-interfaces';
import { createSubnet, deleteSubnet } from '../model/subnets';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { tagSet } from './tag-set';
import { vpcNotFound } from './vpc-api';
import { notFound } from '../model/ec2-errors';

export const subnetNotFound = (id: string) => notFound('InvalidSubnetID.NotFound', 'subnet', id);

const zoneIdOf = (subnet: SubnetRecord): string | undefined =>
  availabilityZones(subnet.region).find((zone) => zone.zoneName === subnet.availabilityZone)?.zoneId;

const subnetArn = (subnet: SubnetRecord): string => `arn:aws:ec2:${subnet.region}:${subnet.ownerId}:subnet/${subnet.id}`;

const toSubnet = (context: Ec2Context, subnet: SubnetRecord): Subnet => ({
  SubnetId: subnet.id,
  SubnetArn: subnetArn(subnet),
  OwnerId: subnet.ownerId,
  VpcId: subnet.vpcId,
  State: subnet.state,
  CidrBlock: subnet.cidrBlock,
  AvailableIpAddressCount: freeAddressCount(context, subnet),
  AvailabilityZone: subnet.availabilityZone,
  AvailabilityZoneId: zoneIdOf(subnet),
  DefaultForAz: subnet.defaultForAz === true,
  MapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
  MapCustomerOwnedIpOnLaunch: false,
  AssignIpv6AddressOnCreation: false,
  Ipv6CidrBlockAssociationSet: [],
  EnableDns64: false,
  Ipv6Native: false,
  PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
  BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
  Tags: tagSet(subnet.tags),
});

/** The zone a new subnet goes in: the one named (by name or id), else the region's first. */
function chooseZone(region: string, input: CreateSubnetRequest): AvailabilityZone {
  const { AvailabilityZone: name, AvailabilityZoneId: id } = input;
  if (name === undefined && id === undefined) return defaultAvailabilityZone(region);
  const zones = availabilityZones(region);
  const zone = zones.find((candidate) => (name === undefined || candidate.zoneName === name) && (id === undefined || candidate.zoneId === id));
  if (!zone) {
    throw invalidParameterValue(
      `Value (${name ?? id}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.map((candidate) => candidate.zoneName).join(', ')}.`,
    );
  }
  return zone;
}

export function subnetOperations(context: Ec2Context): Record<string, Operation> {
  const requireSubnet = (id: string | undefined) => requireOne(context, context.tables.subnets, id, 'SubnetId', subnetNotFound);
  return {
    CreateSubnet: operation(
      {
        VpcId: true,
        CidrBlock: true,
        AvailabilityZone: true,
        AvailabilityZoneId: true,
        TagSpecifications: TAG_SPECIFICATIONS,
        DryRun: true,
        // The local cloud has no IPv6: a subnet with IPv4 addresses is the only kind it makes.
        Ipv6Native: [false],
      },
      (input: CreateSubnetRequest): CreateSubnetResult => {
        const vpc = requireOne(context, context.tables.vpcs, input.VpcId, 'VpcId', vpcNotFound);
        if (!input.CidrBlock) throw missingParameter('CidrBlock');
        const zone = chooseZone(vpc.region, input);
        const tags = tagsFromSpecifications(input.TagSpecifications, 'subnet');
        return { Subnet: toSubnet(context, createSubnet(context, vpc, { cidrBlock: input.CidrBlock, availabilityZone: zone.zoneName, tags })) };
      },
    ),

    DescribeSubnets: operation(
      { SubnetIds: true, ...DESCRIBE_PAGE },
      (input: DescribeSubnetsRequest): DescribeSubnetsResult => {
        const page = describeRecords(context, input, {
          table: context.tables.subnets,
          ids: input.SubnetIds,
          missing: subnetNotFound,
          listing: 'DescribeSubnets',
          fields: {
            'subnet-id': (subnet) => subnet.id,
            'subnet-arn': subnetArn,
            'vpc-id': (subnet) => subnet.vpcId,
            'cidr-block': (subnet) => subnet.cidrBlock,
            'cidr': (subnet) => subnet.cidrBlock,
            'cidrBlock': (subnet) => subnet.cidrBlock,
            'availability-zone': (subnet) => subnet.availabilityZone,
            'availabilityZone': (subnet) => subnet.availabilityZone,
            'availability-zone-id': zoneIdOf,
            'state': (subnet) => subnet.state,
            'default-for-az': (subnet) => String(subnet.defaultForAz === true),
            'defaultForAz': (subnet) => String(subnet.defaultForAz === true),
            'map-public-ip-on-launch': (subnet) => String(subnet.mapPublicIpOnLaunch),
            'owner-id': (subnet) => subnet.ownerId,
            'available-ip-address-count': (subnet) => String(freeAddressCount(context, subnet)),
          },
        });
        return { Subnets: page.items.map((subnet) => toSubnet(context, subnet)), NextToken: page.nextToken };
      },
    ),

    DeleteSubnet: operation(
      { SubnetId: true, DryRun: true },
      (input: DeleteSubnetRequest): Record<string, never> => {
        deleteSubnet(context, requireSubnet(input.SubnetId));
        return {};
      },
    ),

    ModifySubnetAttribute: operation(
      { SubnetId: true, MapPublicIpOnLaunch: { Value: true } },
      (input: ModifySubnetAttributeRequest): Record<string, never> => {
        const subnet = requireSubnet(input.SubnetId);
        const mapPublicIp = input.MapPublicIpOnLaunch?.Value;
        if (mapPublicIp === undefined) throw new ServiceError('UnsupportedOperation', 'The local cloud modifies only the MapPublicIpOnLaunch attribute of a subnet');
        context.tables.subnets.update(subnet.id, (record) => (record.mapPublicIpOnLaunch = mapPublicIp));
        return {};
      },
    ),
  };
}
