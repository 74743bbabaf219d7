import type {
  CreateNetworkInterfaceRequest,
  CreateNetworkInterfaceResult,
  DeleteNetworkInterfaceRequest,
  DescribeNetworkInterfacesRequest,
  DescribeNetworkInterfacesResult,
} from '@aws-sdk/client-ec2';
import type { FilterFields } from '../../../cloud/filters';
import { withClientToken } from '../../../cloud/idempotency';
import { tagsFromSpecifications } from '../../../cloud/tags';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { NetworkInterfaceRecord } from '../model/ec2-records';
import { securityGroupsForInterface } from '../model/interface-security-groups';
import { createNetworkInterface, deleteNetworkInterface } from '../model/network-interfaces';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { ATTACHMENT_OWNER, ATTACHMENT_OWNER_FILTER, interfaceAttachment, toNetworkInterface } from './network-interface-shape';
import { requireWellFormedIds } from './resource-ids';
import { subnetNotFound } from './subnet-api';
import { notFound } from '../model/ec2-errors';

/**
 * EC2 writes the noun in camel case: "The networkInterface ID 'eni-ffffffff' does not exist" (the message quoted
 * by OpenStack's EC2 API functional tests, run against AWS: openstack-archive/ec2-api,
 * ec2api/tests/functional/api/test_addresses.py; moto's InvalidNetworkInterfaceIdError words it the same).
 */
export const networkInterfaceNotFound = (id: string) => notFound('InvalidNetworkInterfaceID.NotFound', 'networkInterface', id);

const requireInterfaceIds = (ids: readonly string[] | undefined): void => requireWellFormedIds(ids, 'eni', 'InvalidNetworkInterfaceID.Malformed');

const INTERFACE_FILTERS: FilterFields<NetworkInterfaceRecord> = {
  'network-interface-id': (eni) => eni.id,
  'vpc-id': (eni) => eni.vpcId,
  'subnet-id': (eni) => eni.subnetId,
  'availability-zone': (eni) => eni.availabilityZone,
  'group-id': (eni) => eni.groupIds,
  'status': (eni) => eni.status,
  'interface-type': (eni) => eni.interfaceType,
  'description': (eni) => eni.description,
  'requester-managed': (eni) => eni.requesterManaged,
  'owner-id': (eni) => eni.ownerId,
  'mac-address': (eni) => eni.macAddress,
  'private-ip-address': (eni) => eni.privateIpAddress,
  'addresses.private-ip-address': (eni) => eni.privateIpAddress,
  'association.public-ip': (eni) => eni.publicIp,
  'attachment.instance-id': (eni) => interfaceAttachment(eni)?.InstanceId,
  'attachment.attachment-id': (eni) => interfaceAttachment(eni)?.AttachmentId,
  'attachment.status': (eni) => interfaceAttachment(eni)?.Status,
  [ATTACHMENT_OWNER_FILTER]: (eni) => interfaceAttachment(eni)?.[ATTACHMENT_OWNER],
  'attachment.device-index': (eni) => interfaceAttachment(eni)?.DeviceIndex,
};

export function networkInterfaceApi(context: Ec2Context): Record<string, Operation> {
  return {
    DescribeNetworkInterfaces: operation(
      { NetworkInterfaceIds: true, ...DESCRIBE_PAGE },
      (input: DescribeNetworkInterfacesRequest): DescribeNetworkInterfacesResult => {
        requireInterfaceIds(input.NetworkInterfaceIds);
        const page = describeRecords(context, input, {
          table: context.tables.networkInterfaces,
          ids: input.NetworkInterfaceIds,
          missing: networkInterfaceNotFound,
          listing: 'DescribeNetworkInterfaces',
          fields: INTERFACE_FILTERS,
        });
        return { NetworkInterfaces: page.items.map((eni) => toNetworkInterface(context, eni)), NextToken: page.nextToken };
      },
    ),

    CreateNetworkInterface: operation(
      { SubnetId: true, Description: true, Groups: true, TagSpecifications: TAG_SPECIFICATIONS, ClientToken: true, DryRun: true },
      (input: CreateNetworkInterfaceRequest): CreateNetworkInterfaceResult => {
        const { resourceId } = withClientToken(context.runtime.store, 'CreateNetworkInterface', input.ClientToken, input, () => {
          const subnet = requireOne(context, context.tables.subnets, input.SubnetId, 'SubnetId', subnetNotFound);
          return createNetworkInterface(context, subnet, {
            owner: { kind: 'user' },
            interfaceType: 'interface',
            description: input.Description ?? '',
            groupIds: securityGroupsForInterface(context, subnet, input.Groups),
            tags: tagsFromSpecifications(input.TagSpecifications, 'network-interface'),
          }).id;
        });
        const eni = context.tables.networkInterfaces.get(resourceId);
        return { NetworkInterface: eni && toNetworkInterface(context, eni), ClientToken: input.ClientToken };
      },
    ),

    DeleteNetworkInterface: operation(
      { NetworkInterfaceId: true, DryRun: true },
      (input: DeleteNetworkInterfaceRequest): Record<string, never> => {
        requireInterfaceIds(input.NetworkInterfaceId === undefined ? [] : [input.NetworkInterfaceId]);
        deleteNetworkInterface(context, requireOne(context, context.tables.networkInterfaces, input.NetworkInterfaceId, 'NetworkInterfaceId', networkInterfaceNotFound));
        return {};
      },
    ),
  };
}
