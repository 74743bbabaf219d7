import type {
  CreateVpcRequest,
  CreateVpcResult,
  DeleteVpcRequest,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  ModifyVpcAttributeRequest,
  Vpc,
} from '@aws-sdk/client-ec2';
import { tagList, tagsFromSpecifications } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { invalidParameterValue, missingParameter } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { VpcRecord } from '../model/ec2-records';
import { createVpc, type DnsAttribute, deleteVpc, setDnsAttribute } from '../model/vpcs';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
import { notFound } from '../model/ec2-errors';

export const vpcNotFound = (id: string) => notFound('InvalidVpcID.NotFound', 'vpc', id);

export const toVpc = (vpc: VpcRecord): Vpc => ({
  VpcId: vpc.id,
  OwnerId: vpc.ownerId,
  CidrBlock: vpc.cidrBlock,
  State: vpc.state,
  DhcpOptionsId: vpc.dhcpOptionsId,
  InstanceTenancy: vpc.instanceTenancy as Vpc['InstanceTenancy'],
  IsDefault: vpc.isDefault === true,
  CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${vpc.id.slice(4)}`, CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } }],
  Tags: vpc.tags && Object.keys(vpc.tags).length > 0 ? tagList(vpc.tags) : undefined,
});

const DNS_ATTRIBUTES: readonly DnsAttribute[] = ['enableDnsSupport', 'enableDnsHostnames'];

export function vpcOperations(context: Ec2Context): Record<string, Operation> {
  const requireVpc = (id: string | undefined) => requireOne(context, context.tables.vpcs, id, 'VpcId', vpcNotFound);
  return {
    CreateVpc: operation(
      {
        CidrBlock: true,
        InstanceTenancy: true,
        TagSpecifications: TAG_SPECIFICATIONS,
        DryRun: true,
        // The local cloud has no IPv6: a VPC without an Amazon-provided IPv6 block is the only kind it makes.
        AmazonProvidedIpv6CidrBlock: [false],
      },
      (input: CreateVpcRequest, request: RequestContext): CreateVpcResult => {
        if (!input.CidrBlock) throw missingParameter('CidrBlock');
        const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc');
        return { Vpc: toVpc(createVpc(context, request.region, { cidrBlock: input.CidrBlock, tags, instanceTenancy: input.InstanceTenancy })) };
      },
    ),

    DescribeVpcs: operation(
      { VpcIds: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcsRequest): DescribeVpcsResult => {
        const page = describeRecords(context, input, {
          table: context.tables.vpcs,
          ids: input.VpcIds,
          missing: vpcNotFound,
          listing: 'DescribeVpcs',
          fields: {
            'vpc-id': (vpc) => vpc.id,
            'cidr': (vpc) => vpc.cidrBlock,
            'cidr-block-association.cidr-block': (vpc) => vpc.cidrBlock,
            'state': (vpc) => vpc.state,
            'is-default': (vpc) => String(vpc.isDefault === true),
            'owner-id': (vpc) => vpc.ownerId,
            'dhcp-options-id': (vpc) => vpc.dhcpOptionsId,
          },
        });
        return { Vpcs: page.items.map(toVpc), NextToken: page.nextToken };
      },
    ),

    DeleteVpc: operation(
      { VpcId: true, DryRun: true },
      (input: DeleteVpcRequest): Record<string, never> => {
        deleteVpc(context, requireVpc(input.VpcId));
        return {};
      },
    ),

    ModifyVpcAttribute: operation(
      { VpcId: true, EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } },
      (input: ModifyVpcAttributeRequest): Record<string, never> => {
        const vpc = requireVpc(input.VpcId);
        const changes = [
          ['enableDnsSupport', input.EnableDnsSupport?.Value],
          ['enableDnsHostnames', input.EnableDnsHostnames?.Value],
        ].filter((change): change is [DnsAttribute, boolean] => change[1] !== undefined);
        if (changes.length !== 1) throw invalidParameterValue('ModifyVpcAttribute takes exactly one attribute per call: EnableDnsSupport or EnableDnsHostnames');
        const [attribute, value] = changes[0] as [DnsAttribute, boolean];
        context.tables.vpcs.update(vpc.id, (record) => setDnsAttribute(record, attribute, value));
        return {};
      },
    ),

    DescribeVpcAttribute: operation(
      { VpcId: true, Attribute: true, DryRun: true },
      (input: DescribeVpcAttributeRequest): DescribeVpcAttributeResult => {
        const vpc = requireVpc(input.VpcId);
        const attribute = input.Attribute as DnsAttribute | undefined;
        if (!attribute) throw missingParameter('Attribute');
        if (!DNS_ATTRIBUTES.includes(attribute)) throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
        const value = { Value: vpc[attribute] };
        return attribute === 'enableDnsSupport' ? { VpcId: vpc.id, EnableDnsSupport: value } : { VpcId: vpc.id, EnableDnsHostnames: value };
      },
    ),
  };
}
