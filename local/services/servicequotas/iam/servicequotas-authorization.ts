import type { AuthorizationResolver, AuthorizationScope } from '../../../iam/authorization-request';

const quotaArn = (scope: AuthorizationScope, input: { ServiceCode?: string; QuotaCode?: string }): string =>
  `arn:${scope.partition}:servicequotas:${scope.region}:${scope.accountId}:${input.ServiceCode ?? ''}/${input.QuotaCode ?? ''}`;

/** How IAM sees the Service Quotas calls: each on the quota it names (`<service code>/<quota code>`), with servicequotas:service. */
export const serviceQuotasAuthorization = (): Record<string, AuthorizationResolver> => ({
  GetServiceQuota: (input: { ServiceCode?: string; QuotaCode?: string }, scope) => [
    { action: 'servicequotas:GetServiceQuota', resource: quotaArn(scope, input), context: { 'servicequotas:service': input.ServiceCode ?? '' } },
  ],
  RequestServiceQuotaIncrease: (input: { ServiceCode?: string; QuotaCode?: string }, scope) => [
    { action: 'servicequotas:RequestServiceQuotaIncrease', resource: quotaArn(scope, input), context: { 'servicequotas:service': input.ServiceCode ?? '' } },
  ],
});
