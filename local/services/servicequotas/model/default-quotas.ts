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
};

/**
 * The quotas the lab's preflight checks, with AWS's default values
 * (Amazon VPC quotas page of the VPC User Guide).
 */
export const DEFAULT_QUOTAS: readonly DefaultQuota[] = [
  { serviceCode: 'vpc', quotaCode: 'L-F678F1CE', quotaName: 'VPCs per Region', value: 5 },
  { serviceCode: 'vpc', quotaCode: 'L-29B6F2EB', quotaName: 'Interface VPC endpoints per VPC', value: 50 },
  { serviceCode: 'vpc', quotaCode: 'L-1B52E74A', quotaName: 'Gateway VPC endpoints per Region', value: 20 },
];

export const findDefaultQuota = (serviceCode: string, quotaCode: string): DefaultQuota | undefined =>
  DEFAULT_QUOTAS.find((quota) => quota.serviceCode === serviceCode && quota.quotaCode === quotaCode);
