/** One quota as AWS's defaults state it (the local account has never asked for an increase). */
export interface DefaultQuota {
  readonly serviceCode: string;
  readonly quotaCode: string;
  readonly quotaName: string;
  readonly value: number;
}

/** The service names Service Quotas reports beside each code. */
export const SERVICE_NAMES: Readonly<Record<string, string>> = {
  vpc: 'Amazon Virtual Private Cloud (Amazon VPC)',
  elasticloadbalancing: 'Elastic Load Balancing (ELB)',
};

/**
 * The quotas the lab's preflight and `vpce-lab plan` read, with AWS's default
 * values: the VPC ones from "Amazon Virtual Private Cloud endpoints and
 * quotas" (AWS General Reference: VPCs per Region 5, internet gateways per
 * Region 5, interface endpoints per VPC 50, gateway endpoints per Region 20),
 * Network Load Balancers per Region 50 from "Quotas for your Network Load
 * Balancers" (Elastic Load Balancing User Guide). The codes are Service
 * Quotas' own, as `list-service-quotas` lists them. Every one is enforced
 * where the resource is created. Quotas not listed here are unknown to the
 * local Service Quotas, which answers NoSuchResourceException for them.
 */
export const DEFAULT_QUOTAS: readonly DefaultQuota[] = [
  { serviceCode: 'vpc', quotaCode: 'L-F678F1CE', quotaName: 'VPCs per Region', value: 5 },
  { serviceCode: 'vpc', quotaCode: 'L-A4707A72', quotaName: 'Internet gateways per Region', value: 5 },
  { serviceCode: 'vpc', quotaCode: 'L-29B6F2EB', quotaName: 'Interface VPC endpoints per VPC', value: 50 },
  { serviceCode: 'vpc', quotaCode: 'L-1B52E74A', quotaName: 'Gateway VPC endpoints per Region', value: 20 },
  { serviceCode: 'elasticloadbalancing', quotaCode: 'L-69A177A2', quotaName: 'Network Load Balancers per Region', value: 50 },
];

export const findDefaultQuota = (serviceCode: string, quotaCode: string): DefaultQuota | undefined =>
  DEFAULT_QUOTAS.find((quota) => quota.serviceCode === serviceCode && quota.quotaCode === quotaCode);

/** A quota a model enforces: one missing from the table above is a defect of the local cloud, named at once. */
export function modelledQuota(serviceCode: string, quotaCode: string): DefaultQuota {
  const quota = findDefaultQuota(serviceCode, quotaCode);
  if (!quota) throw new Error(`the quota ${serviceCode}/${quotaCode} is missing from the local cloud's default quotas`);
  return quota;
}
