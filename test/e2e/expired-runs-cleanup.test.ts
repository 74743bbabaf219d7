import { CreateVpcCommand, CreateVpcEndpointServiceConfigurationCommand, DescribeSubnetsCommand, DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { ttlFloor } from '../../cli/run-request';
import { runTags, TAG } from '../../functions/commons/lab-tags';
import { printedJson } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { type HeldRun, holdRun } from '../support/held-runs';
import { REGION } from '../support/local-cloud-fixture';
import { ec2TagsOf, letTtlPass } from '../support/expire-run';
import { createNlb } from '../support/nlb-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

/** Stops a held run's execution, as a student ending the lab early would; its resources stay until cleanup. */
async function stopHeld(run: HeldRun): Promise<void> {
  await lab.sfn.send(new StopExecutionCommand({ executionArn: run.executionArn }));
  const { result, outcome } = await run.finished();
  expect({ code: result.code, status: outcome.status }).toEqual({ code: 1, status: 'ABORTED' });
}

/** The default VPC and its default subnets in zones a and b. */
async function defaultVpcNetwork() {
  const { Vpcs } = await lab.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = Vpcs![0]!.VpcId!;
  const subnet = async (zone: string) =>
    (await lab.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }, { Name: 'availability-zone', Values: [`${REGION}${zone}`] }] }))).Subnets![0]!.SubnetId!;
  return { vpcId, subnetA: await subnet('a'), subnetB: await subnet('b') };
}

/**
 * What is not the lab's: the account's default VPC with its default
 * subnets, an NLB in it and an endpoint service on that NLB, untagged (the
 * default VPC counts against the VPC quota, so it holds them rather than a
 * VPC of their own); and a VPC that looks like an expired run's
 * (run id, scenario, a past expiry) but is not marked vpce-lab:managed=true.
 */
async function othersResources() {
  const network = await defaultVpcNetwork();
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

// First, so the runs of the next test do not count against the region's VPC quota here.
test('a run whose TTL passed while its lab-run execution still runs is left to that execution, and torn down by cleanup once it has ended', async () => {
  const held = await holdRun(lab, 'full', ttlFloor('full').text);
  await letTtlPass(lab, held.runId);
  const built = await lab.leftovers(held.runId);

  const left = await lab.cli('cleanup');

  expect(left.code).toBe(0);
  expect(printedJson(left)).toMatchObject({ status: 'SUCCEEDED', output: { runIds: [], leftToExecution: [held.runId], teardowns: [] } });
  expect(await lab.leftovers(held.runId)).toEqual(built);
  await expect(lab.sfn.send(new DescribeExecutionCommand({ executionArn: held.executionArn }))).resolves.toMatchObject({ status: 'RUNNING' });

  await stopHeld(held);
  const after = await lab.cli('cleanup');

  expect(printedJson(after)).toMatchObject({
    status: 'SUCCEEDED',
    output: { runIds: [held.runId], leftToExecution: [], teardowns: [{ runId: held.runId, teardown: { status: 'SUCCEEDED' } }] },
  });
  expect(await lab.leftovers(held.runId)).toEqual(NOTHING_LEFT);
});

test('vpce-lab cleanup tears down only the run whose TTL has passed; an unexpired run and resources not the lab’s survive unchanged', async () => {
  const others = await othersResources();
  const unexpired = await holdRun(lab, 'gateway', '2h');
  // The shortest TTL a full run may have.
  const expiring = await holdRun(lab, 'full', ttlFloor('full').text);
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
    output: { runIds: [expiring.runId], leftToExecution: [], teardowns: [{ runId: expiring.runId, teardown: { status: 'SUCCEEDED' } }] },
  });
  expect(await lab.leftovers(expiring.runId)).toEqual(NOTHING_LEFT);
  expect(await describeAll(others, unexpired.runId)).toEqual(untouched);
  const again = await lab.cli('cleanup');
  expect(printedJson(again)).toMatchObject({ status: 'SUCCEEDED', output: { runIds: [], leftToExecution: [], teardowns: [] } });

  await stopHeld(unexpired);
});
