import type { Stack } from 'aws-cdk-lib';

type CfnValue = string | { Ref: string } | { 'Fn::GetAtt': [string, string] } | { 'Fn::Join': [string, CfnValue[]] };

/**
 * A CloudFormation value written as cdk-nag writes it in a finding id:
 * `{ Ref: X }` as `<X>`, `Fn::GetAtt` as `<Resource.Attribute>`, joins
 * flattened (cdk-nag's own flattenCfnReference is not part of its API).
 */
function flatten(value: CfnValue): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if ('Ref' in value) return `<${value.Ref}>`;
  if ('Fn::GetAtt' in value) return `<${value['Fn::GetAtt'][0]}.${value['Fn::GetAtt'][1]}>`;
  const [delimiter, items] = value['Fn::Join'];
  return items.map(flatten).join(delimiter);
}

/** The finding of AwsSolutions-IAM5 for a wildcard resource, e.g. `Resource::arn:<AWS::Partition>:ec2:ap-northeast-2:<AWS::AccountId>:vpc/*`. */
export const nagResourceFinding = (stack: Stack, arn: string): string => `Resource::${flatten(stack.resolve(arn) as CfnValue)}`;
