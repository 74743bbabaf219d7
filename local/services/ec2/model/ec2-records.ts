import type { Tags } from '../../../cloud/tags';

/**
 * The EC2 resources the local cloud keeps, as stored in its state file
 * (plain JSON: times are epoch milliseconds). The API layer turns them into
 * the SDK's shapes; the network model reads them to answer `dig` and `curl`.
 */
export interface Ec2Record {
  readonly id: string;
  readonly region: string;
  readonly ownerId: string;
  readonly createdAt: number;
  tags: Tags;
}

export type Availability = 'pending' | 'available';

export interface VpcRecord extends Ec2Record {
  cidrBlock: string;
  state: Availability;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  mainRouteTableId: string;
  defaultSecurityGroupId: string;
  dhcpOptionsId: string;
  instanceTenancy: string;
  /** The region's default VPC (`model/default-vpc.ts`); absent on every VPC a caller made, and in state files older than the default VPC. */
  isDefault?: boolean;
}

export interface SubnetRecord extends Ec2Record {
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  state: Availability;
  mapPublicIpOnLaunch: boolean;
  /** The default subnet of its zone, in the default VPC; absent on every subnet a caller made. */
  defaultForAz?: boolean;
}

export interface InternetGatewayRecord extends Ec2Record {
  attachedVpcId?: string;
}

export interface RouteRecord {
  destinationCidrBlock?: string;
  destinationPrefixListId?: string;
  gatewayId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  state: 'active' | 'blackhole';
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociationRecord {
  id: string;
  subnetId?: string;
  main: boolean;
}

export interface RouteTableRecord extends Ec2Record {
  vpcId: string;
  routes: RouteRecord[];
  associations: RouteTableAssociationRecord[];
}

export interface SecurityGroupRuleRecord {
  ruleId: string;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  referencedGroupId?: string;
  prefixListId?: string;
  description?: string;
  /** The tags the call that added the rule gave it (`TagSpecifications` of type `security-group-rule`). */
  tags?: Tags;
}

export interface SecurityGroupRecord extends Ec2Record {
  vpcId: string;
  groupName: string;
  description: string;
  isDefault: boolean;
  ingress: SecurityGroupRuleRecord[];
  egress: SecurityGroupRuleRecord[];
}

/** Who a network interface belongs to; decides who may delete it and when it is released. */
export type EniOwner =
  | { kind: 'instance'; id: string }
  | { kind: 'vpc-endpoint'; id: string }
  | { kind: 'load-balancer'; id: string }
  | { kind: 'user' };

export interface NetworkInterfaceRecord extends Ec2Record {
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  privateIpAddress: string;
  publicIp?: string;
  groupIds: string[];
  status: 'in-use' | 'available';
  interfaceType: 'interface' | 'vpc_endpoint' | 'network_load_balancer';
  description: string;
  requesterManaged: boolean;
  owner: EniOwner;
  macAddress: string;
  /** Set when its owner is gone: the interface lingers, detaching, until EC2 deletes it. */
  released?: boolean;
}

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface InstanceRecord extends Ec2Record {
  imageId: string;
  instanceType: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  privateIpAddress: string;
  publicIpAddress?: string;
  networkInterfaceId: string;
  groupIds: string[];
  state: InstanceStateName;
  launchTime: number;
  /** When the instance entered `running` (epoch ms): its boot is done and its services start. Absent in states kept before it was recorded. */
  runningAt?: number;
  iamInstanceProfileArn?: string;
  userData?: string;
  keyName?: string;
  clientToken?: string;
  /** The web page the instance serves on port 80, read from its user data (provider web servers). */
  webPage?: string;
  /** The launch (RunInstances call) the instance came from, and its index in that launch. */
  reservationId: string;
  amiLaunchIndex: number;
  terminationRequestedAt?: number;
  terminatedAt?: number;
}

export type VpcEndpointState = 'pendingAcceptance' | 'pending' | 'available' | 'deleting' | 'deleted' | 'rejected' | 'failed';

export interface DnsEntryRecord {
  dnsName: string;
  hostedZoneId: string;
}

export interface VpcEndpointRecord extends Ec2Record {
  vpcId: string;
  serviceName: string;
  vpcEndpointType: 'Gateway' | 'Interface';
  state: VpcEndpointState;
  routeTableIds: string[];
  subnetIds: string[];
  groupIds: string[];
  privateDnsEnabled: boolean;
  networkInterfaceIds: string[];
  dnsEntries: DnsEntryRecord[];
  policyDocument?: string;
  /** Set when the endpoint connects to an endpoint service of this cloud (`vpce-svc-…`). */
  endpointServiceId?: string;
  clientToken?: string;
}

export interface EndpointServiceRecord extends Ec2Record {
  serviceName: string;
  serviceState: 'Pending' | 'Available' | 'Deleting' | 'Deleted' | 'Failed';
  acceptanceRequired: boolean;
  networkLoadBalancerArns: string[];
  allowedPrincipals: string[];
  availabilityZones: string[];
  baseEndpointDnsNames: string[];
  clientToken?: string;
}

export type ConnectionEvent = 'Connect' | 'Accept' | 'Reject' | 'Delete';

export interface ConnectionNotificationRecord extends Ec2Record {
  connectionNotificationArn: string;
  connectionEvents: ConnectionEvent[];
  serviceId?: string;
  vpcEndpointId?: string;
  state: 'Enabled' | 'Disabled';
}
