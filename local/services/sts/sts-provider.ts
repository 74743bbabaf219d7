import type { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';

/** STS: who the caller is. Every caller of the local cloud is its one local account's root. */
export function createStsProvider(runtime: CloudRuntime): ServiceProvider {
  return {
    service: 'sts',
    operations: {
      GetCallerIdentity: (): GetCallerIdentityResponse => ({
        Account: runtime.accountId,
        Arn: `arn:aws:iam::${runtime.accountId}:root`,
        UserId: runtime.accountId,
      }),
    },
  };
}
