import { RequestServiceQuotaIncreaseCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { estimateCost } from '../../cli/cost/cost-estimate';
import { plannedInventory, timesRuns } from '../../cli/cost/planned-inventory';
import { batchBound } from '../../statemachine/batch-bound';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { holdRun } from '../support/held-runs';
import { NOTHING_LEFT } from '../support/run-leftovers';

/** A quota line of `vpce-lab plan --json`. */
interface PlannedQuota {
  readonly quotaCode: string;
  readonly perRun: number;
  readonly inUse: number;
  readonly needed: number;
  readonly value: number;
  readonly increase?: string;
}

interface PrintedPlan {
  readonly runs: number;
  readonly fits: boolean;
  readonly quotas: PlannedQuota[];
  readonly batch: unknown;
  readonly usdPerHour: number;
  readonly usdTornDownAtOnce: number;
}

const VPCS = 'L-F678F1CE';
const INTERNET_GATEWAYS = 'L-A4707A72';
const NLBS = 'L-69A177A2';

/** A fresh account: AWS's default quotas, and the Region's default VPC (one VPC, one internet gateway) in use. */
let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

async function plan(...args: string[]): Promise<{ code: number; plan: PrintedPlan; byCode: Map<string, PlannedQuota> }> {
  const result = await lab.cli('plan', ...args);
  const printed = printedJson<PrintedPlan>(result);
  return { code: result.code, plan: printed, byCode: new Map(printed.quotas.map((quota) => [quota.quotaCode, quota])) };
}

test('on a fresh account two full runs fit beside the default VPC, exactly: every quota a run takes, the batch bound the bench uses and the cost of what the runs build', async () => {
  const { code, plan: two, byCode } = await plan('--runs', '2');
  expect(code).toBe(0);
  expect(two.fits).toBe(true);
  expect(byCode.get(VPCS)).toEqual({ quotaCode: VPCS, name: 'VPCs per Region', serviceCode: 'vpc', scope: 'Region', perRun: 2, inUse: 1, needed: 5, value: 5 });
  expect(byCode.get(INTERNET_GATEWAYS)).toMatchObject({ perRun: 2, inUse: 1, needed: 5, value: 5 });
  expect(byCode.get('L-1B52E74A')).toMatchObject({ perRun: 2, inUse: 0, needed: 4, value: 20 });
  // Each run's consumer VPC is new: the per-VPC quota needs one run's endpoints, however many runs there are.
  expect(byCode.get('L-29B6F2EB')).toMatchObject({ scope: 'VPC', perRun: 2, needed: 2, value: 50 });
  expect(byCode.get(NLBS)).toMatchObject({ serviceCode: 'elasticloadbalancing', perRun: 1, inUse: 0, needed: 2, value: 50 });
  expect(two.batch).toEqual(batchBound('full', 2));
  const built = timesRuns(plannedInventory('full'), 2);
  expect(built).toEqual({ interfaceEndpoints: 4, gatewayEndpoints: 4, loadBalancers: 2, instances: 8, publicAddresses: 6 });
  expect(two.usdPerHour).toBe(estimateCost(built, 3600).totalUsd);
  expect(two.usdTornDownAtOnce).toBe(estimateCost(built, batchBound('full', 2).seconds).totalUsd);
});

test('a third full run does not fit: exit 1, and the increases to ask for are printed as commands; a one-VPC scenario needs no load balancer', async () => {
  const { code, plan: three, byCode } = await plan('--runs', '3');
  expect(code).toBe(1);
  expect(three.fits).toBe(false);
  expect(byCode.get(VPCS)?.increase).toBe('aws service-quotas request-service-quota-increase --region ap-northeast-2 --service-code vpc --quota-code L-F678F1CE --desired-value 7');
  expect(byCode.get(INTERNET_GATEWAYS)?.increase).toBe('aws service-quotas request-service-quota-increase --region ap-northeast-2 --service-code vpc --quota-code L-A4707A72 --desired-value 7');
  expect(three.quotas.filter((quota) => quota.increase).map((quota) => quota.quotaCode)).toEqual([VPCS, INTERNET_GATEWAYS]);

  const gateway = await plan('--runs', '4', '--scenario', 'gateway');
  expect(gateway.code).toBe(0);
  expect(gateway.byCode.has(NLBS)).toBe(false);
  expect(gateway.byCode.get(VPCS)).toMatchObject({ perRun: 1, needed: 5 });
});

test('what the account holds counts: with a run held the plan no longer fits, the printed increases make it fit, and the text names them', async () => {
  const held = await holdRun(lab, 'full', '1h');
  try {
    const blocked = await plan('--runs', '2');
    expect(blocked.code).toBe(1);
    expect(blocked.byCode.get(VPCS)).toMatchObject({ inUse: 3, needed: 7, value: 5 });
    expect(blocked.byCode.get(NLBS)).toMatchObject({ inUse: 1, needed: 3 });

    const text = await vpceLab('plan', '--runs', '2', '--endpoint', lab.cloud.endpoint);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('The account cannot hold 2 run(s) at once.');
    expect(text.stdout).toContain('--quota-code L-F678F1CE --desired-value 7');

    const quotas = new ServiceQuotasClient({ region: 'ap-northeast-2', endpoint: lab.cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      for (const quota of blocked.plan.quotas.filter((line) => line.increase)) {
        const serviceCode = /--service-code (\S+)/.exec(quota.increase!)![1]!;
        await quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: serviceCode, QuotaCode: quota.quotaCode, DesiredValue: quota.needed }));
      }
    } finally {
      quotas.destroy();
    }
    expect((await plan('--runs', '2')).code).toBe(0);
  } finally {
    await lab.sfn.send(new StopExecutionCommand({ executionArn: held.executionArn }));
    await held.finished();
    expect((await lab.cli('teardown', held.runId)).code).toBe(0);
    expect(await lab.leftovers(held.runId)).toEqual(NOTHING_LEFT);
  }
});

test('a number of runs out of range is a usage error (exit 2), before anything is asked of the account', async () => {
  for (const runs of ['0', 'ten', '501']) {
    const result = await lab.cli('plan', '--runs', runs);
    expect({ runs, code: result.code }).toEqual({ runs, code: 2 });
    expect(result.stderr).toContain('expected a number of runs from 1 to 500');
  }
});
