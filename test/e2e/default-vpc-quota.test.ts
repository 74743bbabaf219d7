import { DescribeInternetGatewaysCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { holdRun } from '../support/held-runs';
import { NOTHING_LEFT } from '../support/run-leftovers';

/**
 * The account's default VPC counts against "VPCs per Region" (5 by default)
 * as on AWS: the preflight counts every VPC DescribeVpcs lists. So two full
 * labs (two VPCs each) fit beside it, a third does not, and neither does a
 * one-VPC lab, which would fit were the default VPC not counted.
 */
let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

/** Everything of the default VPC, as the SDK describes it. */
async function defaultVpcDescribed() {
  const { Vpcs } = await lab.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const inVpc = { Filters: [{ Name: 'vpc-id', Values: Vpcs!.map((vpc) => vpc.VpcId!) }] };
  return {
    vpcs: Vpcs,
    subnets: (await lab.ec2.send(new DescribeSubnetsCommand(inVpc))).Subnets,
    routeTables: (await lab.ec2.send(new DescribeRouteTablesCommand(inVpc))).RouteTables,
    securityGroups: (await lab.ec2.send(new DescribeSecurityGroupsCommand(inVpc))).SecurityGroups,
    internetGateways: (await lab.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: Vpcs!.map((vpc) => vpc.VpcId!) }] }))).InternetGateways,
  };
}

test('with the default VPC, quota 5 admits two full runs and refuses a third, and a one-VPC run, with QuotaExhausted; the runs leave the default VPC as it was', async () => {
  const before = await defaultVpcDescribed();
  expect(before.vpcs).toHaveLength(1);
  expect(before.subnets).toHaveLength(4);

  const held = [await holdRun(lab, 'full', '1h'), await holdRun(lab, 'full', '1h')];
  const third = await lab.start('--scenario', 'full');
  expect(third.outcome).toMatchObject({ status: 'FAILED', error: 'QuotaExhausted' });
  const message = (outcome: RunOutcome): string => (JSON.parse(outcome.cause ?? '{}') as { errorMessage?: string }).errorMessage ?? '';
  expect(message(third.outcome)).toContain('needs 2 VPCs but ap-northeast-2 has room for 0 (quota "VPCs per Region", vpc/L-F678F1CE: 5, 5 in use)');
  // The runs that hold the quota are named, with the command that frees it: not only a quota increase.
  expect(message(third.outcome)).toContain(`Lab runs ${held[0]!.runId}, ${held[1]!.runId} hold some: \`vpce-lab teardown <run-id>\` removes a run you no longer need.`);
  const gateway = await lab.start('--scenario', 'gateway');
  expect(gateway.outcome).toMatchObject({ status: 'FAILED', error: 'QuotaExhausted' });
  expect(message(gateway.outcome)).toContain('needs 1 VPCs but ap-northeast-2 has room for 0');

  for (const run of held) {
    await lab.sfn.send(new StopExecutionCommand({ executionArn: run.executionArn }));
    await run.finished();
    expect({ runId: run.runId, code: (await lab.cli('teardown', run.runId)).code }).toEqual({ runId: run.runId, code: 0 });
    expect(await lab.leftovers(run.runId)).toEqual(NOTHING_LEFT);
  }
  expect(printedJson(await lab.cli('cleanup'))).toMatchObject({ status: 'SUCCEEDED' });
  expect(await defaultVpcDescribed()).toEqual(before);
});
