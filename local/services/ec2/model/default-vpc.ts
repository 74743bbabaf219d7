import { newId } from '../../../cloud/ids';
import { ServiceError } from '../../../protocol/service-error';
import { availabilityZones } from './availability-zones';
import { type Ec2Context, recordBase } from './ec2-context';
import type { SecurityGroupRecord, SubnetRecord, VpcRecord } from './ec2-records';
import { createRouteTable } from './route-tables';
import { createSecurityGroup, groupNameWithoutDefaultVpc } from './security-groups';

/**
 * The default VPC every AWS account has in each region (VPC User Guide,
 * "Default VPCs", https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html):
 * "a size /16 IPv4 CIDR block (172.31.0.0/16)", "a size /20 default subnet
 * in each Availability Zone", an internet gateway attached to it, "a route
 * in the main route table that points all traffic (0.0.0.0/0) to the
 * internet gateway", the default security group, DNS hostnames and DNS
 * resolution on; its subnets give launched instances a public IPv4 address.
 * moto builds the same (moto/ec2/models/vpcs.py `create_default_vpc`: one
 * default subnet per zone, the /20 blocks of 172.31.0.0/16 in zone order;
 * moto/ec2/models/subnets.py `create_default_subnet`).
 *
 * The local cloud serves any region a request names, so a region's default
 * VPC is made when the cloud first serves it, before the request's own
 * work, and the region is marked as provided: a default VPC the user deletes
 * stays deleted, across restarts too, as on AWS.
 */
interface AccountRegionRecord {
  /** The region's name. */
  readonly id: string;
  /** The default VPC made for the region; absent when the account started without one. */
  readonly defaultVpcId?: string;
}

const DEFAULT_VPC_CIDR = '172.31.0.0/16';

const accountRegions = (context: Ec2Context) => context.runtime.store.table<AccountRegionRecord>('ec2.accountRegions');

/** `172.31.<16·index>.0/20`: the index-th /20 block of the default VPC, as the default subnet of the index-th zone. */
const defaultSubnetCidr = (index: number): string => `172.31.${index * 16}.0/20`;

/**
 * Gives `region` its default VPC the first time the cloud serves the region
 * (unless the cloud starts as an account without one). Every part is there
 * and available at once: AWS made it long before the account's first call.
 */
export function provideDefaultVpc(context: Ec2Context, region: string): void {
  const regions = accountRegions(context);
  if (regions.get(region)) return;
  context.runtime.store.transaction(() => {
    regions.put(context.runtime.defaultVpc ? { id: region, defaultVpcId: createDefaultVpc(context, region).id } : { id: region });
  });
}

function createDefaultVpc(context: Ec2Context, region: string): VpcRecord {
  const vpc: VpcRecord = {
    ...recordBase(context, newId('vpc'), region, {}),
    cidrBlock: DEFAULT_VPC_CIDR,
    state: 'available',
    enableDnsSupport: true,
    enableDnsHostnames: true,
    mainRouteTableId: '',
    defaultSecurityGroupId: '',
    dhcpOptionsId: newId('dopt'),
    instanceTenancy: 'default',
    isDefault: true,
  };
  const { tables } = context;
  tables.vpcs.put(vpc);
  const gateway = tables.internetGateways.put({ ...recordBase(context, newId('igw'), region, {}), attachedVpcId: vpc.id });
  const mainTable = createRouteTable(context, vpc, true);
  tables.routeTables.update(mainTable.id, (table) => table.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.id, state: 'active', origin: 'CreateRoute' }));
  vpc.mainRouteTableId = mainTable.id;
  vpc.defaultSecurityGroupId = createSecurityGroup(context, vpc, { groupName: 'default', description: 'default VPC security group', isDefault: true }).id;
  availabilityZones(region).forEach((zone, index) => {
    tables.subnets.put({
      ...recordBase(context, newId('subnet'), region, {}),
      vpcId: vpc.id,
      cidrBlock: defaultSubnetCidr(index),
      availabilityZone: zone.zoneName,
      state: 'available',
      mapPublicIpOnLaunch: true,
      defaultForAz: true,
    });
  });
  return vpc;
}

/** The region's default VPC, if the account has one. */
export const defaultVpcOf = (context: Ec2Context, region: string): VpcRecord | undefined =>
  context.tables.vpcs.all().find((vpc) => vpc.region === region && vpc.isDefault === true);

/**
 * What EC2 answers a call that relies on the default VPC in a region without
 * one: `VPCIdNotSpecified`, "No default VPC for this user" (the answer AWS
 * users quote for RunInstances and CreateSecurityGroup, e.g.
 * github.com/ryanmurakami/hbfl/issues/40, brikis98/terraform-up-and-running-code/issues/54;
 * moto/ec2/exceptions.py `VPCIdNotSpecifiedError`).
 */
export const noDefaultVpc = (): ServiceError => new ServiceError('VPCIdNotSpecified', 'No default VPC for this user');

/** The default VPC of `region`, or EC2's refusal of a call that needs it. */
export function requireDefaultVpc(context: Ec2Context, region: string): VpcRecord {
  const vpc = defaultVpcOf(context, region);
  if (!vpc) throw noDefaultVpc();
  return vpc;
}

/**
 * Where RunInstances puts an instance launched without a subnet: "If you
 * don't specify a subnet ID, we choose a default subnet from your default
 * VPC for you. If you don't have a default VPC, you must specify a subnet
 * ID" (EC2 API Reference, RunInstances, SubnetId). The default subnet of the
 * zone asked for (`Placement.AvailabilityZone`), else of the region's first
 * zone that has one. The refusals when there is no such subnet are moto's
 * (moto/ec2/models/instances.py, the default-subnet branch of
 * `prep_nics`): `MissingInput` when the default VPC has no default subnet
 * left, `InvalidInput` when the zone asked for has none; no AWS page states them.
 */
export function defaultSubnetFor(context: Ec2Context, region: string, zoneName: string | undefined): SubnetRecord {
  const vpc = requireDefaultVpc(context, region);
  const subnets = context.tables.subnets.all().filter((subnet) => subnet.vpcId === vpc.id && subnet.defaultForAz === true);
  if (subnets.length === 0) throw new ServiceError('MissingInput', `No subnets found for the default VPC '${vpc.id}'. Please specify a subnet.`);
  const zones = availabilityZones(region).map((zone) => zone.zoneName);
  if (zoneName !== undefined) {
    const subnet = subnets.find((candidate) => candidate.availabilityZone === zoneName);
    if (!subnet) throw new ServiceError('InvalidInput', `No default subnet for availability zone: '${zoneName}'.`);
    return subnet;
  }
  return subnets.sort((a, b) => zones.indexOf(a.availabilityZone) - zones.indexOf(b.availabilityZone))[0] as SubnetRecord;
}

/**
 * Security groups named by name, which EC2 takes only for the default VPC
 * ("[Default VPC] You can specify either the ID or the name of the security
 * group", EC2 API Reference, DeleteSecurityGroup, AuthorizeSecurityGroupIngress
 * and RunInstances' SecurityGroups). Without a default VPC, EC2's answer is
 * `VPCIdNotSpecified` (moto/ec2/exceptions.py; quoted from RunInstances in
 * github.com/google/cloud-forensics-utils/issues/316); a name the default VPC
 * lacks is `InvalidGroup.NotFound`, "does not exist in default VPC".
 */
export function groupByName(context: Ec2Context, region: string, groupName: string): SecurityGroupRecord {
  const vpc = defaultVpcOf(context, region);
  if (!vpc) throw groupNameWithoutDefaultVpc();
  const group = context.tables.securityGroups.all().find((candidate) => candidate.vpcId === vpc.id && candidate.groupName === groupName);
  if (!group) throw new ServiceError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in default VPC '${vpc.id}'`);
  return group;
}

export const groupIdsByName = (context: Ec2Context, region: string, groupNames: readonly string[]): string[] =>
  groupNames.map((name) => groupByName(context, region, name).id);
