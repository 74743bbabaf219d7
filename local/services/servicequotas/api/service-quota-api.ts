import type {
  GetServiceQuotaRequest,
  GetServiceQuotaResponse,
  RequestServiceQuotaIncreaseRequest,
  RequestServiceQuotaIncreaseResponse,
} from '@aws-sdk/client-service-quotas';
import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { appliedValue, requestIncrease } from '../model/applied-quotas';
import { type DefaultQuota, findDefaultQuota, SERVICE_NAMES } from '../model/default-quotas';

const requireMember = <T>(value: T | undefined, member: string): T => {
  if (value === undefined || value === '') {
    throw new ServiceError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
};

/** The quota named by a request, or NoSuchResourceException naming what is unknown. */
function requireQuota(input: { ServiceCode?: string; QuotaCode?: string }): DefaultQuota & { serviceName: string } {
  const serviceCode = requireMember(input.ServiceCode, 'serviceCode');
  const quotaCode = requireMember(input.QuotaCode, 'quotaCode');
  const serviceName = SERVICE_NAMES[serviceCode];
  if (serviceName === undefined) throw new ServiceError('NoSuchResourceException', `The request failed because the specified service ${serviceCode} does not exist.`);
  const quota = findDefaultQuota(serviceCode, quotaCode);
  if (!quota) throw new ServiceError('NoSuchResourceException', `The request failed because the specified service quota ${quotaCode} of ${serviceCode} does not exist.`);
  return { ...quota, serviceName };
}

const quotaArn = (quota: DefaultQuota, request: RequestContext): string => `arn:aws:servicequotas:${request.region}:${request.accountId}:${quota.serviceCode}/${quota.quotaCode}`;

/** GetServiceQuota (the account's value: AWS's default until an increase is approved) and RequestServiceQuotaIncrease. */
export function serviceQuotaOperations(runtime: CloudRuntime): Record<string, Operation> {
  return {
    GetServiceQuota: operation(
      { ServiceCode: true, QuotaCode: true },
      (input: GetServiceQuotaRequest, request: RequestContext): GetServiceQuotaResponse => {
        const quota = requireQuota(input);
        return {
          Quota: {
            ServiceCode: quota.serviceCode,
            ServiceName: quota.serviceName,
            QuotaArn: quotaArn(quota, request),
            QuotaCode: quota.quotaCode,
            QuotaName: quota.quotaName,
            Value: appliedValue(runtime.store, quota),
            Unit: 'None',
            Adjustable: true,
            GlobalQuota: false,
            QuotaAppliedAtLevel: 'ACCOUNT',
          },
        };
      },
    ),
    RequestServiceQuotaIncrease: operation(
      { ServiceCode: true, QuotaCode: true, DesiredValue: true },
      (input: RequestServiceQuotaIncreaseRequest, request: RequestContext): RequestServiceQuotaIncreaseResponse => {
        const quota = requireQuota(input);
        const increase = requestIncrease(runtime.store, quota, requireMember(input.DesiredValue, 'desiredValue'), runtime.clock.now());
        return {
          RequestedQuota: {
            Id: increase.id,
            ServiceCode: quota.serviceCode,
            ServiceName: quota.serviceName,
            QuotaCode: quota.quotaCode,
            QuotaName: quota.quotaName,
            DesiredValue: increase.desiredValue,
            Status: 'APPROVED',
            Created: new Date(increase.created),
            LastUpdated: new Date(increase.created),
            Requester: `arn:aws:iam::${request.accountId}:root`,
            QuotaArn: quotaArn(quota, request),
            GlobalQuota: false,
            Unit: 'None',
            QuotaRequestedAtLevel: 'ACCOUNT',
          },
        };
      },
    ),
  };
}
