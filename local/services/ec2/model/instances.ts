import { newId } from '../../../cloud/ids';
import { awsSeconds } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import { ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { InstanceRecord, InstanceStateName, SubnetRecord } from './ec2-records';
import { createNetworkInterface, freeAddressCount, releaseLater } from './network-interfaces';
import { allocatePublicIp } from './public-addresses';

export const INSTANCE_RUNNING = 'ec2.instance-running';
export const INSTANCE_TERMINATED = 'ec2.instance-terminated';

export function registerInstanceEvents(context: Ec2Context): void {
  const { scheduler } = context.runtime;
  scheduler.on(INSTANCE_RUNNING, ({ id }, event) => {
    let booted = false;
    context.tables.instances.update(id ?? '', (instance) => {
      // A launch terminated while still booting never runs.
      booted = instance.state === 'pending';
      if (booted) Object.assign(instance, { state: 'running', runningAt: event.due });
    });
    if (booted) context.runtime.events.emit('instance-running', { instanceId: id ?? '', at: event.due });
  });
  scheduler.on(INSTANCE_TERMINATED, ({ id }) => {
    const instance = context.tables.instances.update(id ?? '', (record) => {
      record.state = 'terminated';
      record.terminatedAt = context.runtime.clock.now();
      record.publicIpAddress = undefined;
    });
    if (instance) releaseLater(context, [instance.networkInterfaceId]);
  });
}

/** What one RunInstances call asks for, already validated. */
export interface LaunchSpec {
  readonly imageId: string;
  readonly instanceType: string;
  readonly subnet: SubnetRecord;
  readonly groupIds: string[];
  /** The launch's explicit choice; the subnet's `MapPublicIpOnLaunch` decides otherwise. */
  readonly associatePublicIp?: boolean;
  readonly interfaceDescription?: string;
  readonly iamInstanceProfileArn?: string;
  readonly userData?: string;
  readonly webPage?: string;
  readonly keyName?: string;
  readonly clientToken?: string;
  readonly tags: Tags;
  readonly interfaceTags: Tags;
}

/**
 * Launches as many instances as asked, up to `maxCount`, each with its
 * primary network interface, all `pending` until they boot. Like EC2 it
 * launches fewer when the subnet runs short of addresses, but never fewer
 * than `minCount`.
 */
export function launchInstances(context: Ec2Context, spec: LaunchSpec, counts: { minCount: number; maxCount: number }): string {
  const { subnet } = spec;
  const count = Math.min(counts.maxCount, freeAddressCount(context, subnet));
  if (count < counts.minCount) {
    throw new ServiceError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
  }
  const reservationId = newId('r');
  for (let index = 0; index < count; index++) launchOne(context, spec, reservationId, index);
  return reservationId;
}

function launchOne(context: Ec2Context, spec: LaunchSpec, reservationId: string, amiLaunchIndex: number): void {
  const { subnet } = spec;
  const id = newId('i');
  const publicIp = (spec.associatePublicIp ?? subnet.mapPublicIpOnLaunch) ? allocatePublicIp(context) : undefined;
  const eni = createNetworkInterface(context, subnet, {
    owner: { kind: 'instance', id },
    interfaceType: 'interface',
    description: spec.interfaceDescription ?? '',
    groupIds: spec.groupIds,
    publicIp,
    tags: { ...spec.interfaceTags },
  });
  const instance: InstanceRecord = {
    ...recordBase(context, id, subnet.region, { ...spec.tags }),
    imageId: spec.imageId,
    instanceType: spec.instanceType,
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    privateIpAddress: eni.privateIpAddress,
    publicIpAddress: publicIp,
    networkInterfaceId: eni.id,
    groupIds: spec.groupIds,
    state: 'pending',
    launchTime: context.runtime.clock.now(),
    iamInstanceProfileArn: spec.iamInstanceProfileArn,
    userData: spec.userData,
    webPage: spec.webPage,
    keyName: spec.keyName,
    clientToken: spec.clientToken,
    reservationId,
    amiLaunchIndex,
  };
  context.tables.instances.put(instance);
  context.runtime.scheduler.after(awsSeconds('instanceRunning'), INSTANCE_RUNNING, { id });
}

/** The instances one launch made, in launch order. */
export const instancesOfReservation = (context: Ec2Context, reservationId: string): InstanceRecord[] =>
  context.tables.instances
    .all()
    .filter((instance) => instance.reservationId === reservationId)
    .sort((a, b) => a.amiLaunchIndex - b.amiLaunchIndex);

/**
 * Starts terminating an instance; returns its state before and after, as
 * TerminateInstances reports them. Asking again changes nothing.
 */
export function terminateInstance(context: Ec2Context, instance: InstanceRecord): { previous: InstanceStateName; current: InstanceStateName } {
  const previous = instance.state;
  if (previous === 'shutting-down' || previous === 'terminated') return { previous, current: previous };
  context.tables.instances.update(instance.id, (record) => {
    record.state = 'shutting-down';
    record.terminationRequestedAt = context.runtime.clock.now();
  });
  context.runtime.scheduler.after(awsSeconds('instanceTerminated'), INSTANCE_TERMINATED, { id: instance.id });
  return { previous, current: 'shutting-down' };
}

/**
 * Whether DescribeInstances still lists an instance without being asked for
 * it by id: a terminated one drops out of listings after a while (AWS's
 * "usually less than an hour", scaled by the clock). By id it stays
 * answerable, so a waiter polling a known instance still sees `terminated`.
 */
export function isListed(context: Ec2Context, instance: InstanceRecord): boolean {
  if (instance.terminatedAt === undefined) return true;
  const { clock } = context.runtime;
  return clock.now() < instance.terminatedAt + clock.scaled(awsSeconds('terminatedInstanceListed'));
}

/** The instances that occupy a subnet: every one not yet terminated (a `shutting-down` one still holds its address). */
export const instancesInSubnet = (context: Ec2Context, subnetId: string): InstanceRecord[] =>
  context.tables.instances.all().filter((instance) => instance.subnetId === subnetId && instance.state !== 'terminated');
