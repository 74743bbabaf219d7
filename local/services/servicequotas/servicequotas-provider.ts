import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { serviceQuotaOperations } from './api/service-quota-api';
import { serviceQuotasAuthorization } from './iam/servicequotas-authorization';

/** Service Quotas: the quotas the lab's preflight reads, at AWS's default values until an increase is requested. */
export const createServiceQuotasProvider = (runtime: CloudRuntime): ServiceProvider => ({
  service: 'servicequotas',
  operations: serviceQuotaOperations(runtime),
  // "Invalid input was provided." (Service Quotas API Reference, IllegalArgumentException, an error of both
  // GetServiceQuota and RequestServiceQuotaIncrease).
  unmodelledParameterCode: 'IllegalArgumentException',
  authorization: serviceQuotasAuthorization(),
});
