import { CreateVpcCommand, CreateVpcEndpointServiceConfigurationCommand, DescribeSubnetsCommand, DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { RunOutcome } from '../../cli/run-outcome';
import { runTags, TAG } from '../../functions/commons/lab-tags';
import { printedJson, type CliResult } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { vpcWithTwoZones } from '../support/endpoint-lab';
import { eventually } from '../support/local-lab-fixture';
import { ec2TagsOf, letTtlPass } from '../support/expire-run';
import { createNlb } from '../support/nlb-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

interface HeldRun {
  readonly runId: string;
  readonly executionArn: string;
  /** The `vpce-lab start` command, still following its run. */
  readonly command: Promise<{ result: CliResult; outcome: RunOutcome }>;
}

const runningRunIds = async (): Promise<string[]> =>
  printedJson<{ runs: { runId: string; status: string }[] }>(await lab.cli('list')).runs.filter((run) => run.status === 'RUNNING').map((run) => run.runId);

/** `vpce-lab start --keep`, followed until `vpce-lab status` shows the run holding the built lab. */
async function holdRun(scenario: string, ttl: string): Promise<HeldRun> {
  const before = await runningRunIds();
  const command = lab.start('--scenario', scenario, '--keep', '--ttl', ttl);
  let runId = '';
  await eventually(async () => {
    runId = (await runningRunIds()).find((id) => !before.includes(id)) ?? '';
    return runId !== '';
  }, 10_000);
  let status: { executionArn: string; currentSteps: string[] } = { executionArn: '', currentSteps: [] };
  await eventually(async () => {
    status = printedJson(await lab.cli('status', runId));
    return status.currentSteps.includes('HoldUntilExpiry');
  }, 15_000);
  return { runId, executionArn: status.executionArn, command };
}

/** Stops a held run's execution, as a student ending the lab early would; its resources stay until cleanup. */
async function stopHeld(run: HeldRun): Promise<void> {
  await lab.sfn.send(new StopExecutionCommand({ executionArn: run.executionArn }));
  const { result, outcome } = await run.command;
  expect({ code: result.code, status: outcome.status }).toEqual({ code: 1, status: 'ABORTED' });
}

/**
 * What is not the lab's: a VPC with subnets, an NLB in it and an endpoint
 * service on that NLB, untagged; and a VPC that looks like an expired run's
 * (run id, scenario, a past expiry) but is not marked vpce-lab:managed=true.
 */
async function othersResources() {
  const network = await vpcWithTwoZones(lab.ec2, 50);
  const balancer = await createNlb(lab.elbv2, { Name: 'not-the-labs', Subnets: [network.subnetA] });
  const { ServiceConfiguration } = await lab.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [balancer.LoadBalancerArn!], AcceptanceRequired: true }));
  const lookAlikeTags = runTags({ runId: 'lab-20250101-0000-0000', scenario: 'full', expiresAt: '2025-01-01T02:00:00.000Z' }, 'consumer-vpc').filter((tag) => tag.Key !== TAG.managed);
  const { Vpc: lookAlike } = await lab.ec2.send(new CreateVpcCommand({ CidrBlock: '10.51.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: lookAlikeTags }] }));
  return { vpcIds: [network.vpcId, lookAlike!.VpcId!], subnetIds: [network.subnetA, network.subnetB], loadBalancerArn: balancer.LoadBalancerArn!, serviceId: ServiceConfiguration!.ServiceId! };
}

/** Everything about the resources cleanup must leave alone, as the SDK describes them. */
async function describeAll(others: Awaited<ReturnType<typeof othersResources>>, unexpiredRunId: string) {
  lab.cloud.settle();
  return {
    vpcs: (await lab.ec2.send(new DescribeVpcsCommand({ VpcIds: others.vpcIds }))).Vpcs,
    subnets: (await lab.ec2.send(new DescribeSubnetsCommand({ SubnetIds: others.subnetIds }))).Subnets,
    loadBalancers: (await lab.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [others.loadBalancerArn] }))).LoadBalancers,
    loadBalancerTags: (await lab.elbv2.send(new DescribeTagsCommand({ ResourceArns: [others.loadBalancerArn] }))).TagDescriptions,
    endpointServices: (await lab.ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [others.serviceId] }))).ServiceConfigurations,
    unexpiredRun: await lab.leftovers(unexpiredRunId),
    unexpiredRunTags: await ec2TagsOf(lab.ec2, unexpiredRunId),
  };
}

test('vpce-lab cleanup tears down only the run whose TTL has passed; an unexpired run and resources not the lab’s survive unchanged', async () => {
  const others = await othersResources();
  const unexpired = await holdRun('gateway', '2h');
  const expiring = await holdRun('full', '10m');
  await stopHeld(expiring);
  await letTtlPass(lab, expiring.runId);
  const built = await lab.leftovers(expiring.runId);
  expect({ vpcs: built.vpcs.length, loadBalancers: built.loadBalancers.length, endpointServices: built.endpointServices.length }).toEqual({ vpcs: 2, loadBalancers: 1, endpointServices: 1 });
  const untouched = await describeAll(others, unexpired.runId);
  expect(untouched.unexpiredRun.vpcs).toHaveLength(1);

  const result = await lab.cli('cleanup');

  expect(result.code).toBe(0);
  expect(printedJson(result)).toMatchObject({
    status: 'SUCCEEDED',
    output: { runIds: [expiring.runId], teardowns: [{ runId: expiring.runId, teardown: { status: 'SUCCEEDED' } }] },
  });
  expect(await lab.leftovers(expiring.runId)).toEqual(NOTHING_LEFT);
  expect(await describeAll(others, unexpired.runId)).toEqual(untouched);
  const again = await lab.cli('cleanup');
  expect(printedJson(again)).toMatchObject({ status: 'SUCCEEDED', output: { runIds: [], teardowns: [] } });

  await stopHeld(unexpired);
});
