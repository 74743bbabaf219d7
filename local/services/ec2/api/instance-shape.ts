import type { IamInstanceProfile, Instance, InstanceBlockDeviceMapping, InstanceMetadataOptionsResponse, InstanceState, Reservation, StateReason } from '@aws-sdk/client-ec2';
import type { Ec2Context } from '../model/ec2-context';
import { privateDnsName } from '../model/ec2-dns-names';
import type { InstanceRecord, InstanceStateName } from '../model/ec2-records';
import { architectureOf } from '../model/instance-types';
import { stableHex, stableId } from '../model/stable-ids';
import { groupIdentifiers, publicDnsNameIn, toInstanceNetworkInterface } from './network-interface-shape';
import { tagSet } from './tag-set';

/** EC2's numeric state codes (the low byte of `InstanceState.Code`). */
const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export const instanceState = (name: InstanceStateName): InstanceState => ({ Code: STATE_CODES[name], Name: name });

/** `2024-05-01 09:30:00 GMT`, as EC2 writes times into `StateTransitionReason`. */
const gmt = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} GMT`;

/** An instance profile's `AIPA…` id, stable for its ARN (the local cloud keeps no IAM). */
function instanceProfile(arn: string | undefined): IamInstanceProfile | undefined {
  if (!arn) return undefined;
  return { Arn: arn, Id: `AIPA${stableHex(arn, 17).toUpperCase()}` };
}

/** Why the instance is where it is: a launch still pending, or a user's termination (EC2 API reference, StateReason). */
function stateReason(instance: InstanceRecord): StateReason | undefined {
  if (instance.terminationRequestedAt !== undefined) return { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
  return instance.state === 'pending' ? { Code: 'pending', Message: 'pending' } : undefined;
}

/**
 * The root EBS volume, deleted with the instance. EC2 lists no mapping while
 * the launch is pending (RunInstances answers an empty list) nor once the
 * instance is terminated.
 */
function blockDeviceMappings(instance: InstanceRecord): InstanceBlockDeviceMapping[] {
  if (instance.state === 'pending' || instance.state === 'terminated') return [];
  const Ebs = { AttachTime: new Date(instance.launchTime), DeleteOnTermination: true, Status: 'attached' as const, VolumeId: stableId('vol', instance.id) };
  return [{ DeviceName: '/dev/xvda', Ebs }];
}

/** IMDS as the Amazon Linux 2023 AMIs set it (IMDSv2 only, two hops), `pending` until the launch completes. */
const metadataOptions = (instance: InstanceRecord): InstanceMetadataOptionsResponse => ({
  State: instance.state === 'pending' ? 'pending' : 'applied',
  HttpTokens: 'required',
  HttpPutResponseHopLimit: 2,
  HttpEndpoint: 'enabled',
  HttpProtocolIpv6: 'disabled',
  InstanceMetadataTags: 'disabled',
});

/**
 * An instance as DescribeInstances shows it. A terminated instance has let go
 * of its network: EC2 shows it with no subnet, addresses, groups or interfaces.
 */
export function toInstance(context: Ec2Context, instance: InstanceRecord): Instance {
  const attached = instance.state !== 'terminated';
  const eni = attached ? context.tables.networkInterfaces.get(instance.networkInterfaceId) : undefined;
  const vpc = context.tables.vpcs.get(instance.vpcId);
  const requestedAt = instance.terminationRequestedAt;
  return {
    InstanceId: instance.id,
    ImageId: instance.imageId,
    State: instanceState(instance.state),
    PrivateDnsName: attached ? privateDnsName(instance.region, instance.privateIpAddress) : '',
    PublicDnsName: publicDnsNameIn(context, instance.vpcId, instance.region, instance.publicIpAddress) ?? '',
    StateTransitionReason: requestedAt === undefined ? '' : `User initiated (${gmt(requestedAt)})`,
    StateReason: stateReason(instance),
    KeyName: instance.keyName,
    AmiLaunchIndex: instance.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: instance.instanceType as Instance['InstanceType'],
    LaunchTime: new Date(instance.launchTime),
    Placement: { AvailabilityZone: instance.availabilityZone, GroupName: '', Tenancy: (vpc?.instanceTenancy ?? 'default') as 'default' },
    Monitoring: { State: 'disabled' },
    SubnetId: attached ? instance.subnetId : undefined,
    VpcId: attached ? instance.vpcId : undefined,
    PrivateIpAddress: attached ? instance.privateIpAddress : undefined,
    PublicIpAddress: instance.publicIpAddress,
    Architecture: architectureOf(instance.instanceType),
    RootDeviceType: 'ebs',
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: blockDeviceMappings(instance),
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EbsOptimized: false,
    EnaSupport: true,
    SourceDestCheck: true,
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    ClientToken: instance.clientToken ?? '',
    IamInstanceProfile: instanceProfile(instance.iamInstanceProfileArn),
    MetadataOptions: metadataOptions(instance),
    SecurityGroups: attached ? groupIdentifiers(context, instance.groupIds) : [],
    NetworkInterfaces: eni ? [toInstanceNetworkInterface(context, eni)] : [],
    Tags: tagSet(instance.tags),
  };
}

/** The instances of one launch, grouped the way EC2 answers RunInstances and DescribeInstances. */
export const toReservation = (context: Ec2Context, instances: readonly InstanceRecord[]): Reservation => ({
  ReservationId: instances[0]?.reservationId,
  OwnerId: instances[0]?.ownerId,
  Groups: [],
  Instances: instances.map((instance) => toInstance(context, instance)),
});

/** A page of instances grouped by launch, each reservation where its first instance falls and in launch order. */
export function toReservations(context: Ec2Context, instances: readonly InstanceRecord[]): Reservation[] {
  const launches = new Map<string, InstanceRecord[]>();
  for (const instance of instances) launches.set(instance.reservationId, [...(launches.get(instance.reservationId) ?? []), instance]);
  return [...launches.values()].map((launch) => toReservation(context, launch.sort((a, b) => a.amiLaunchIndex - b.amiLaunchIndex)));
}
