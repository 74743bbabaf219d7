import { type AuthorizationResolver, resourceTagContext } from '../../../iam/authorization-request';
import type { Ec2Tables } from '../../ec2/model/ec2-tables';

/**
 * How IAM sees SendSSHPublicKey: on the instance (`arn:…:ec2:<region>:<account>:instance/<id>`), with `ec2:osuser`
 * and the instance's tags as `aws:ResourceTag/<key>` and `ec2:ResourceTag/<key>` (Service Authorization Reference,
 * "Actions, resources, and condition keys for Amazon EC2 Instance Connect": resource type `instance`, condition keys
 * of the action `ec2:osuser`, of the resource type both tag keys). An instance that does not exist in the region is
 * left out, for the operation to refuse as not found.
 */
export const instanceConnectAuthorization = (instances: Ec2Tables['instances']): Record<string, AuthorizationResolver> => ({
  SendSSHPublicKey: (input: { InstanceId?: string; InstanceOSUser?: string }, scope) => {
    const instance = input.InstanceId === undefined ? undefined : instances.get(input.InstanceId);
    if (!instance || instance.region !== scope.region) return [];
    const tags = Object.entries(instance.tags).map(([key, value]) => [`ec2:ResourceTag/${key}`, value]);
    return [
      {
        action: 'ec2-instance-connect:SendSSHPublicKey',
        resource: `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:instance/${instance.id}`,
        context: { 'ec2:osuser': input.InstanceOSUser ?? '', ...resourceTagContext(instance.tags), ...Object.fromEntries(tags) },
      },
    ];
  },
});
