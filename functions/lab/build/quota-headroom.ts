import { type EC2Client, paginateDescribeVpcEndpoints, paginateDescribeVpcs, type Tag } from '@aws-sdk/client-ec2';
import { GetServiceQuotaCommand, NoSuchResourceException, type ServiceQuotasClient, TooManyRequestsException } from '@aws-sdk/client-service-quotas';
import { QuotaExhausted } from '../../commons/lab-errors';
import { labRunOf, ownedBy } from '../../commons/lab-tags';
import { stateIs } from '../aws/ec2-states';
import { collect } from '../../commons/collect-pages';
import type { LabRun, Lessons } from '../lab-run';
import { GATEWAY_SERVICES, interfaceServicesOf } from '../lab-topology';
import { isKind } from '../../commons/is-kind';

/** A quota the lab needs headroom in, with AWS's documented default. */
export interface LabQuota {
  readonly serviceCode: string;
  readonly code: string;
  readonly name: string;
  readonly awsDefault: number;
}

/** The VPC quotas the preflight checks (Amazon VPC User Guide, "Amazon VPC quotas"). */
export const VPC_QUOTAS = {
  vpcsPerRegion: { serviceCode: 'vpc', code: 'L-F678F1CE', name: 'VPCs per Region', awsDefault: 5 },
  interfaceEndpointsPerVpc: { serviceCode: 'vpc', code: 'L-29B6F2EB', name: 'Interface VPC endpoints per VPC', awsDefault: 50 },
  gatewayEndpointsPerRegion: { serviceCode: 'vpc', code: 'L-1B52E74A', name: 'Gateway VPC endpoints per Region', awsDefault: 20 },
} as const satisfies Record<string, LabQuota>;

/**
 * The quota's value for the account: the applied value, or AWS's default
 * where Service Quotas has no record of one. Throttling that outlasts the
 * SDK's retries (Service Quotas answers `TooManyRequestsException`, "Due to
 * throttling, the request was denied": Service Quotas API Reference,
 * GetServiceQuota, Errors) is thrown as it came, as EC2's, ELBv2's and SSM's
 * are, so the state's throttling `Retry` (statemachine/lab-run.asl.json,
 * Preflight) matches it by that name.
 */
export async function quotaValue(quotas: ServiceQuotasClient, quota: LabQuota): Promise<number> {
  try {
    const { Quota } = await quotas.send(new GetServiceQuotaCommand({ ServiceCode: quota.serviceCode, QuotaCode: quota.code }));
    return Quota?.Value ?? quota.awsDefault;
  } catch (error) {
    if (isKind(error, NoSuchResourceException)) return quota.awsDefault;
    if (isKind(error, TooManyRequestsException)) throw error;
    throw new Error(`could not read the quota "${quota.name}" (${quota.serviceCode}/${quota.code}): ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  }
}

/** What one lab of these lessons adds to each quota: each of its VPCs has its own internet gateway. */
export const labNeeds = (lessons: Lessons) => ({
  vpcs: lessons.service ? 2 : 1,
  internetGateways: lessons.service ? 2 : 1,
  interfaceEndpointsInConsumerVpc: interfaceServicesOf(lessons).length + (lessons.service ? 1 : 0),
  gatewayEndpoints: lessons.gateway ? GATEWAY_SERVICES.length : 0,
  networkLoadBalancers: lessons.service ? 1 : 0,
});

/** The AWS CLI command that asks for `desiredValue` of a quota: what a refusal and `vpce-lab plan` print. */
export const increaseCommand = (region: string, quota: LabQuota, desiredValue: number): string =>
  `aws service-quotas request-service-quota-increase --region ${region} --service-code ${quota.serviceCode} --quota-code ${quota.code} --desired-value ${desiredValue}`;

/** Endpoint states that no longer count against a quota. */
export const ENDPOINT_GONE = ['deleted', 'rejected', 'failed', 'expired'];

/**
 * Refuses a lab the account cannot hold, before anything is made. Resources
 * already tagged for this run do not count, so a re-run preflight of a
 * half-built run is not refused by its own VPCs.
 */
export async function requireQuotaHeadroom(clients: { ec2: EC2Client; quotas: ServiceQuotasClient }, run: LabRun, lessons: Lessons): Promise<void> {
  const needs = labNeeds(lessons);
  const others = <T extends { Tags?: { Key?: string; Value?: string }[] }>(items: T[]) => items.filter((item) => !ownedBy(item.Tags, run.runId));

  const vpcs = others(await collect(paginateDescribeVpcs({ client: clients.ec2 }, {}), (page) => page.Vpcs));
  refuseUnlessFits(run, VPC_QUOTAS.vpcsPerRegion, await quotaValue(clients.quotas, VPC_QUOTAS.vpcsPerRegion), vpcs, needs.vpcs, 'VPCs');

  // The consumer VPC is new, so only the lab's own endpoints count against the per-VPC quota.
  refuseUnlessFits(run, VPC_QUOTAS.interfaceEndpointsPerVpc, await quotaValue(clients.quotas, VPC_QUOTAS.interfaceEndpointsPerVpc), [], needs.interfaceEndpointsInConsumerVpc, 'interface endpoints');

  if (needs.gatewayEndpoints === 0) return;
  const filters = [{ Name: 'vpc-endpoint-type', Values: ['Gateway'] }];
  const endpoints = others(await collect(paginateDescribeVpcEndpoints({ client: clients.ec2 }, { Filters: filters }), (page) => page.VpcEndpoints));
  const live = endpoints.filter((endpoint) => !stateIs(endpoint.State, ...ENDPOINT_GONE));
  refuseUnlessFits(run, VPC_QUOTAS.gatewayEndpointsPerRegion, await quotaValue(clients.quotas, VPC_QUOTAS.gatewayEndpointsPerRegion), live, needs.gatewayEndpoints, 'gateway endpoints');
}

/**
 * The refusal names the other lab runs holding what is in use: a run left
 * behind (interrupted, or held) is usually why the quota is full, and its
 * teardown is the fix, not a quota increase.
 */
function refuseUnlessFits(run: LabRun, quota: LabQuota, limit: number, inUse: readonly { Tags?: Tag[] }[], needed: number, noun: string): void {
  const used = inUse.length;
  if (used + needed <= limit) return;
  const runs = [...new Set(inUse.flatMap((item) => labRunOf(item.Tags) ?? []))];
  const held = runs.length === 0 ? '' : ` ${runs.length === 1 ? 'Lab run' : 'Lab runs'} ${runs.join(', ')} ${runs.length === 1 ? 'holds' : 'hold'} some: \`vpce-lab teardown <run-id>\` removes a run you no longer need.`;
  throw new QuotaExhausted(
    `the ${run.scenario} lab needs ${needed} ${noun} but ${run.region} has room for ${Math.max(0, limit - used)} ` +
      `(quota "${quota.name}", ${quota.serviceCode}/${quota.code}: ${limit}, ${used} in use).${held} Delete unused ones, or ask for more with ` +
      `\`${increaseCommand(run.region, quota, used + needed)}\``,
  );
}
