import type { GetServiceQuotaRequest, GetServiceQuotaResponse } from '@aws-sdk/client-service-quotas';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import type { OperationHandler } from '../../../protocol/service-provider';
import { findDefaultQuota, SERVICE_NAMES } from '../model/default-quotas';

const requireMember = (value: string | undefined, member: string): string => {
  if (!value) throw new ServiceError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
};

/** GetServiceQuota: the applied value of one quota, which for the local account is AWS's default. */
export function serviceQuotaOperations(): Record<string, OperationHandler> {
  return {
    GetServiceQuota: (input: GetServiceQuotaRequest, request: RequestContext): GetServiceQuotaResponse => {
      const serviceCode = requireMember(input.ServiceCode, 'serviceCode');
      const quotaCode = requireMember(input.QuotaCode, 'quotaCode');
      const serviceName = SERVICE_NAMES[serviceCode];
      if (serviceName === undefined) throw new ServiceError('NoSuchResourceException', `The request failed because the specified service ${serviceCode} does not exist.`);
      const quota = findDefaultQuota(serviceCode, quotaCode);
      if (!quota) throw new ServiceError('NoSuchResourceException', `The request failed because the specified service quota ${quotaCode} of ${serviceCode} does not exist.`);
      return {
        Quota: {
          ServiceCode: serviceCode,
          ServiceName: serviceName,
          QuotaArn: `arn:aws:servicequotas:${request.region}:${request.accountId}:${serviceCode}/${quotaCode}`,
          QuotaCode: quotaCode,
          QuotaName: quota.quotaName,
          Value: quota.value,
          Unit: 'None',
          Adjustable: true,
          GlobalQuota: false,
          QuotaAppliedAtLevel: 'ACCOUNT',
        },
      };
    },
  };
}
