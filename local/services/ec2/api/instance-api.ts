import type {
  DescribeInstancesRequest,
  DescribeInstancesResult,
  Reservation,
  RunInstancesRequest,
  TerminateInstancesRequest,
  TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import { withClientToken } from '../../../cloud/idempotency';
import type { FilterFields } from '../../../cloud/filters';
import type { RequestContext } from '../../../protocol/http-answer';
import { missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireAll } from '../model/ec2-context';
import type { InstanceRecord } from '../model/ec2-records';
import { instancesOfReservation, isListed, launchInstances, terminateInstance } from '../model/instances';
import { describeRecords } from './describe-records';
import { instanceState, toReservation, toReservations } from './instance-shape';
import { LAUNCH_INTERFACES, LAUNCH_PLACEMENT, launchRequest } from './launch-request';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { requireWellFormedIds } from './resource-ids';
import { notFound } from '../model/ec2-errors';

export const instanceNotFound = (id: string) => notFound('InvalidInstanceID.NotFound', 'instance', id);

const requireInstanceIds = (ids: readonly string[] | undefined): void => requireWellFormedIds(ids, 'i', 'InvalidInstanceID.Malformed');

/** A terminated instance has no network left to match on. */
const whileAttached =
  (read: (instance: InstanceRecord) => string | undefined) =>
  (instance: InstanceRecord): string | undefined =>
    instance.state === 'terminated' ? undefined : read(instance);

const INSTANCE_FILTERS: FilterFields<InstanceRecord> = {
  'instance-id': (instance) => instance.id,
  'instance-state-name': (instance) => instance.state,
  'instance-state-code': (instance) => instanceState(instance.state).Code,
  'instance-type': (instance) => instance.instanceType,
  'image-id': (instance) => instance.imageId,
  'reservation-id': (instance) => instance.reservationId,
  'availability-zone': (instance) => instance.availabilityZone,
  'key-name': (instance) => instance.keyName,
  'client-token': (instance) => instance.clientToken,
  'owner-id': (instance) => instance.ownerId,
  'iam-instance-profile.arn': (instance) => instance.iamInstanceProfileArn,
  'vpc-id': whileAttached((instance) => instance.vpcId),
  'subnet-id': whileAttached((instance) => instance.subnetId),
  'private-ip-address': whileAttached((instance) => instance.privateIpAddress),
  'ip-address': (instance) => instance.publicIpAddress,
  'network-interface.network-interface-id': whileAttached((instance) => instance.networkInterfaceId),
  'instance.group-id': (instance) => (instance.state === 'terminated' ? [] : instance.groupIds),
};

export function instanceApi(context: Ec2Context): Record<string, Operation> {
  return {
    RunInstances: operation(
      {
        ImageId: true,
        InstanceType: true,
        MinCount: true,
        MaxCount: true,
        SubnetId: true,
        SecurityGroupIds: true,
        SecurityGroups: true,
        NetworkInterfaces: LAUNCH_INTERFACES,
        Placement: LAUNCH_PLACEMENT,
        IamInstanceProfile: { Arn: true, Name: true },
        UserData: true,
        KeyName: true,
        ClientToken: true,
        TagSpecifications: TAG_SPECIFICATIONS,
        DryRun: true,
      },
      (input: RunInstancesRequest, request: RequestContext): Reservation => {
        const { resourceId } = withClientToken(context.runtime.store, 'RunInstances', input.ClientToken, input, () => {
          const { spec, counts } = launchRequest(context, request.region, input);
          return launchInstances(context, spec, counts);
        });
        return toReservation(context, instancesOfReservation(context, resourceId));
      },
    ),

    DescribeInstances: operation(
      { InstanceIds: true, ...DESCRIBE_PAGE },
      (input: DescribeInstancesRequest): DescribeInstancesResult => {
        requireInstanceIds(input.InstanceIds);
        const page = describeRecords(context, input, {
          table: context.tables.instances,
          ids: input.InstanceIds,
          missing: instanceNotFound,
          listing: 'DescribeInstances',
          fields: INSTANCE_FILTERS,
          visible: (instance) => isListed(context, instance),
        });
        return { Reservations: toReservations(context, page.items), NextToken: page.nextToken };
      },
    ),

    TerminateInstances: operation(
      { InstanceIds: true, DryRun: true },
      (input: TerminateInstancesRequest): TerminateInstancesResult => {
        if (!input.InstanceIds?.length) throw missingParameter('InstanceId');
        requireInstanceIds(input.InstanceIds);
        const instances = requireAll(context, context.tables.instances, [...new Set(input.InstanceIds)], instanceNotFound);
        return {
          TerminatingInstances: instances.map((instance) => {
            const { previous, current } = terminateInstance(context, instance);
            return { InstanceId: instance.id, PreviousState: instanceState(previous), CurrentState: instanceState(current) };
          }),
        };
      },
    ),
  };
}
