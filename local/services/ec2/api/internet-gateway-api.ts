import type {
  AttachInternetGatewayRequest,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  DeleteInternetGatewayRequest,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DetachInternetGatewayRequest,
  InternetGateway,
  InternetGatewayAttachment,
} from '@aws-sdk/client-ec2';
import { tagsFromSpecifications } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { InternetGatewayRecord } from '../model/ec2-records';
import { attachInternetGateway, createInternetGateway, deleteInternetGateway, detachInternetGateway } from '../model/internet-gateways';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { tagSet } from './tag-set';
import { vpcNotFound } from './vpc-api';
import { notFound } from '../model/ec2-errors';

export const internetGatewayNotFound = (id: string) => notFound('InvalidInternetGatewayID.NotFound', 'internetGateway', id);

/** EC2 reports an attached internet gateway's attachment as `available`, not `attached`. */
const ATTACHED = 'available' as InternetGatewayAttachment['State'];

const toInternetGateway = (gateway: InternetGatewayRecord): InternetGateway => ({
  InternetGatewayId: gateway.id,
  OwnerId: gateway.ownerId,
  Attachments: gateway.attachedVpcId ? [{ VpcId: gateway.attachedVpcId, State: ATTACHED }] : [],
  Tags: tagSet(gateway.tags),
});

export function internetGatewayOperations(context: Ec2Context): Record<string, Operation> {
  const requireGateway = (id: string | undefined) => requireOne(context, context.tables.internetGateways, id, 'InternetGatewayId', internetGatewayNotFound);
  const requireVpc = (id: string | undefined) => requireOne(context, context.tables.vpcs, id, 'VpcId', vpcNotFound);
  return {
    CreateInternetGateway: operation(
      { TagSpecifications: TAG_SPECIFICATIONS, DryRun: true },
      (input: CreateInternetGatewayRequest, request: RequestContext): CreateInternetGatewayResult => {
        const tags = tagsFromSpecifications(input.TagSpecifications, 'internet-gateway');
        return { InternetGateway: toInternetGateway(createInternetGateway(context, request.region, tags)) };
      },
    ),

    AttachInternetGateway: operation(
      { InternetGatewayId: true, VpcId: true, DryRun: true },
      (input: AttachInternetGatewayRequest): Record<string, never> => {
        attachInternetGateway(context, requireGateway(input.InternetGatewayId), requireVpc(input.VpcId));
        return {};
      },
    ),

    DetachInternetGateway: operation(
      { InternetGatewayId: true, VpcId: true, DryRun: true },
      (input: DetachInternetGatewayRequest): Record<string, never> => {
        detachInternetGateway(context, requireGateway(input.InternetGatewayId), requireVpc(input.VpcId));
        return {};
      },
    ),

    DeleteInternetGateway: operation(
      { InternetGatewayId: true, DryRun: true },
      (input: DeleteInternetGatewayRequest): Record<string, never> => {
        deleteInternetGateway(context, requireGateway(input.InternetGatewayId));
        return {};
      },
    ),

    DescribeInternetGateways: operation(
      { InternetGatewayIds: true, ...DESCRIBE_PAGE },
      (input: DescribeInternetGatewaysRequest): DescribeInternetGatewaysResult => {
        const page = describeRecords(context, input, {
          table: context.tables.internetGateways,
          ids: input.InternetGatewayIds,
          missing: internetGatewayNotFound,
          listing: 'DescribeInternetGateways',
          fields: {
            'internet-gateway-id': (gateway) => gateway.id,
            'attachment.vpc-id': (gateway) => gateway.attachedVpcId,
            'attachment.state': (gateway) => (gateway.attachedVpcId ? ATTACHED : undefined),
            'owner-id': (gateway) => gateway.ownerId,
          },
        });
        return { InternetGateways: page.items.map(toInternetGateway), NextToken: page.nextToken };
      },
    ),
  };
}
