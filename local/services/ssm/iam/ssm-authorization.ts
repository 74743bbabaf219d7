import type { AuthorizationRequest, AuthorizationResolver, AuthorizationScope } from '../../../iam/authorization-request';
import { resourceTagContext } from '../../../iam/authorization-request';
import type { Ec2Context } from '../../ec2/model/ec2-context';

/**
 * AWS's own parameters and documents have no account in their ARN
 * (`arn:aws:ssm:<region>::parameter/aws/service/…`, Systems Manager User
 * Guide, "Discovering public parameters"; `AWS-` documents are AWS's).
 */
const ssmArn = (scope: AuthorizationScope, type: 'parameter' | 'document', name: string, awsOwned: boolean): string =>
  `arn:${scope.partition}:ssm:${scope.region}:${awsOwned ? '' : scope.accountId}:${type}/${name.replace(/^\//, '')}`;

/**
 * How IAM sees the SSM calls that have resource-level permissions: the
 * parameter read, the document run and each instance it runs on. The others
 * take no resource type and are authorized on `*` (LocalIam reads that from
 * the Service Authorization Reference, "Actions, resources, and condition
 * keys for AWS Systems Manager": no resource type for
 * DescribeInstanceInformation, GetCommandInvocation, ListCommands and
 * ListCommandInvocations), so they need no resolver here.
 */
export function ssmAuthorization(ec2: Ec2Context): Record<string, AuthorizationResolver> {
  return {
    GetParameter: (input: { Name?: string }, scope) => [
      { action: 'ssm:GetParameter', resource: ssmArn(scope, 'parameter', input.Name ?? '', (input.Name ?? '').startsWith('/aws/')), context: {} },
    ],
    SendCommand: (input: { DocumentName?: string; InstanceIds?: string[] }, scope) => {
      const document = input.DocumentName ?? '';
      const instances = (input.InstanceIds ?? []).flatMap((id): AuthorizationRequest[] => {
        const instance = ec2.tables.instances.get(id);
        return instance ? [{ action: 'ssm:SendCommand', resource: `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:instance/${id}`, context: resourceTagContext(instance.tags) }] : [];
      });
      return [{ action: 'ssm:SendCommand', resource: ssmArn(scope, 'document', document, document.startsWith('AWS-')), context: {} }, ...instances];
    },
  };
}
