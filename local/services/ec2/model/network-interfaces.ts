import { randomBytes } from 'node:crypto';
import { newId } from '../../../cloud/ids';
import { awsSeconds } from '../../../../contract/latency-profile';
import { allocateAddress, parseCidr } from '../../../cloud/cidr';
import { invalidParameterValue, ServiceError } from '../../../protocol/service-error';
import { type Ec2Context, recordBase } from './ec2-context';
import type { EniOwner, NetworkInterfaceRecord, SubnetRecord } from './ec2-records';

export const ENI_RELEASED = 'ec2.eni-released';

export function registerNetworkInterfaceEvents(context: Ec2Context): void {
  context.runtime.scheduler.on(ENI_RELEASED, ({ id }) => {
    context.tables.networkInterfaces.delete(id ?? '');
  });
}

/** Addresses already used in a subnet, by interfaces and instances alike. */
function takenAddresses(context: Ec2Context, subnetId: string): Set<string> {
  return new Set(
    context.tables.networkInterfaces
      .all()
      .filter((eni) => eni.subnetId === subnetId)
      .map((eni) => eni.privateIpAddress),
  );
}

/** How many more interfaces `subnet` can take (AWS keeps five addresses of every subnet for itself). */
export function freeAddressCount(context: Ec2Context, subnet: SubnetRecord): number {
  return parseCidr(subnet.cidrBlock).size - 5 - takenAddresses(context, subnet.id).size;
}

const macAddress = (): string => `02:${[...randomBytes(5)].map((byte) => byte.toString(16).padStart(2, '0')).join(':')}`;

/**
 * A network interface in `subnet` with the next free private address.
 * Interfaces made for an instance, an endpoint or a load balancer belong to
 * that owner: only its deletion releases them, and not at once (see `releaseLater`).
 */
export function createNetworkInterface(
  context: Ec2Context,
  subnet: SubnetRecord,
  options: {
    owner: EniOwner;
    interfaceType: NetworkInterfaceRecord['interfaceType'];
    description: string;
    groupIds: string[];
    publicIp?: string;
    tags?: NetworkInterfaceRecord['tags'];
  },
): NetworkInterfaceRecord {
  const address = allocateAddress(parseCidr(subnet.cidrBlock), takenAddresses(context, subnet.id));
  if (!address) {
    throw new ServiceError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
  }
  const record: NetworkInterfaceRecord = {
    ...recordBase(context, newId('eni'), subnet.region, options.tags ?? {}),
    vpcId: subnet.vpcId,
    subnetId: subnet.id,
    availabilityZone: subnet.availabilityZone,
    privateIpAddress: address,
    publicIp: options.publicIp,
    groupIds: options.groupIds,
    // Only an interface made on its own starts detached; the others come attached to their owner.
    status: options.owner.kind === 'user' ? 'available' : 'in-use',
    interfaceType: options.interfaceType,
    description: options.description,
    requesterManaged: options.owner.kind === 'vpc-endpoint' || options.owner.kind === 'load-balancer',
    owner: options.owner,
    macAddress: macAddress(),
  };
  return context.tables.networkInterfaces.put(record);
}

/**
 * Lets go of an owner's interfaces the way AWS does: they lose their public
 * address at once but stay in the subnet a while (holding its security groups
 * and subnet) before they disappear.
 */
export function releaseLater(context: Ec2Context, interfaceIds: readonly string[]): void {
  for (const id of interfaceIds) {
    const updated = context.tables.networkInterfaces.update(id, (eni) => {
      eni.publicIp = undefined;
      eni.released = true;
    });
    if (updated) context.runtime.scheduler.after(awsSeconds('eniReleased'), ENI_RELEASED, { id });
  }
}

/**
 * DeleteNetworkInterface: only a detached interface can go. Whatever it is
 * attached to (an instance, an endpoint, a load balancer, or an owner whose
 * deletion is still releasing it), EC2 answers with the same refusal.
 */
export function deleteNetworkInterface(context: Ec2Context, eni: NetworkInterfaceRecord): void {
  if (eni.status === 'in-use') throw invalidParameterValue(`Network interface '${eni.id}' is currently in use.`);
  context.tables.networkInterfaces.delete(eni.id);
}
