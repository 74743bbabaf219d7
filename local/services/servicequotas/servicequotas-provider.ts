import type { ServiceProvider } from '../../protocol/service-provider';
import { serviceQuotaOperations } from './api/service-quota-api';

/** Service Quotas: the quotas the lab's preflight reads, at AWS's default values. */
export const createServiceQuotasProvider = (): ServiceProvider => ({ service: 'servicequotas', operations: serviceQuotaOperations() });
