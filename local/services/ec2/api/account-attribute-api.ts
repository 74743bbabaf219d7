import type { AccountAttribute, DescribeAccountAttributesRequest, DescribeAccountAttributesResult } from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import { defaultVpcOf } from '../model/default-vpc';
import type { Ec2Context } from '../model/ec2-context';

/**
 * The attributes DescribeAccountAttributes answers without `AttributeNames`
 * (EC2 API Reference, DescribeAccountAttributes), with an untouched account's
 * values: `supported-platforms` is `VPC` alone since EC2-Classic was retired
 * (EC2 User Guide, "Migrate from EC2-Classic to a VPC"); 5 security groups per
 * network interface and 5 Elastic IP addresses per Region are the default
 * quotas (VPC User Guide, "Amazon VPC quotas"); `max-instances` "is no longer
 * supported" and answers a fixed 20, as moto's does
 * (moto/ec2/responses/account_attributes.py).
 */
const FIXED_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['supported-platforms', 'VPC'],
  ['vpc-max-security-groups-per-interface', '5'],
  ['max-instances', '20'],
  ['max-elastic-ips', '5'],
  ['vpc-max-elastic-ips', '5'],
];

const attribute = (name: string, value: string): AccountAttribute => ({ AttributeName: name, AttributeValues: [{ AttributeValue: value }] });

export function accountAttributeOperations(context: Ec2Context): Record<string, Operation> {
  return {
    DescribeAccountAttributes: operation(
      // "Valid Values: supported-platforms | default-vpc" for AttributeName.N (EC2 API Reference, DescribeAccountAttributes).
      { AttributeNames: ['supported-platforms', 'default-vpc'], DryRun: true },
      (input: DescribeAccountAttributesRequest, request: RequestContext): DescribeAccountAttributesResult => {
        // "default-vpc: The ID of the default VPC for your account, or none." (same page)
        const all = [attribute('default-vpc', defaultVpcOf(context, request.region)?.id ?? 'none'), ...FIXED_ATTRIBUTES.map(([name, value]) => attribute(name, value))];
        const asked = input.AttributeNames ?? [];
        return { AccountAttributes: asked.length === 0 ? all : all.filter((item) => asked.includes(item.AttributeName as (typeof asked)[number])) };
      },
    ),
  };
}
