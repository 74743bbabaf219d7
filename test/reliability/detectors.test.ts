import { CreateTagsCommand, DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { fixtureForTests } from '../support/fixture-for-tests';
import { clientConfig } from '../support/local-cloud-fixture';
import { NOTHING_LEFT, type RunLeftovers } from '../support/run-leftovers';
import { taggedLab } from '../support/tagged-lab';
import { brokenHandlers, type Handler } from './support/caller-context';
import { cleanRunProblems, cleanRuns, faultRunProblems, leftoverProblems, matrixPlan, runWithFailureAt, type StatePlan } from './support/fault-runs';
import { seedForeignResources, settledForeign, touchedForeign } from './support/foreign-resources';
import { startTracedLab } from './support/traced-lab';

/**
 * Each detector the reliability matrix relies on, run on a case broken on
 * purpose: a check that cannot report is a defect, so each is shown to
 * report. The broken cases are real runs of the lab on the local cloud,
 * with one handler swapped for a broken stand-in where the case needs it.
 */
const lab = fixtureForTests(startTracedLab, (traced) => traced.close());
let plans: StatePlan[];

beforeAll(async () => {
  plans = matrixPlan(await cleanRuns(lab), 'first');
});
afterEach(() => brokenHandlers.clear());

const planOf = (state: string): StatePlan => {
  const plan = plans.find((candidate) => candidate.state.name === state);
  if (!plan?.points[0]) throw new Error(`the matrix has no point in ${state}`);
  return plan;
};

/** Removes what a broken case left, with the lab's own teardown, so the next case starts from an empty account. */
async function tearDown(runId: string): Promise<void> {
  brokenHandlers.clear();
  expect((await lab.cli('teardown', runId)).code).toBe(0);
  expect(await lab.leftovers(runId)).toEqual(NOTHING_LEFT);
}

test('a leaked resource of every kind is reported, kind by kind', async () => {
  const run = { runId: 'lab-20260101-0000-1ea4', scenario: 'full', expiresAt: '2026-01-01T02:00:00.000Z' } as const;
  await taggedLab(lab, run, { consumer: 30, provider: 31 });

  const leftovers = await lab.leftovers(run.runId);

  const kinds = Object.keys(NOTHING_LEFT) as (keyof RunLeftovers)[];
  expect(leftoverProblems(leftovers).map((line) => /^left \d+ (\w+):/.exec(line)?.[1])).toEqual(kinds);
  await tearDown(run.runId);
});

test('a teardown step that skips its deletes leaves a run reported SUCCEEDED with its target groups: the clean-run check names them', async () => {
  // Stands for a DeleteTargetGroups that forgot its DeleteTargetGroup calls: it finds nothing and says so.
  brokenHandlers.set('DeleteTargetGroups', () => async () => ({ targetGroupArns: [] }));

  const { outcome } = await lab.start('--scenario', 'service');
  const problems = cleanRunProblems({ scenario: 'service', guided: false, outcome, calls: [], invoked: [], leftovers: await lab.leftovers(outcome.runId) });

  expect(outcome.status).toBe('SUCCEEDED');
  expect(problems).toEqual([expect.stringMatching(/^the clean service run left 1 targetGroups: arn:aws:elasticloadbalancing:/)]);
  await tearDown(outcome.runId);
});

test('a teardown step that swallows the refusal lets the run end SUCCEEDED: the fault check says so', async () => {
  const plan = planOf('AwaitInstancesTerminated');
  // A silent catch, on purpose: the defect this detector exists for.
  brokenHandlers.set('AwaitInstancesTerminated', (real: Handler) => (event, context) => real(event, context).catch(() => ({})));

  const run = await runWithFailureAt(lab, plan, plan.points[0]!);

  expect(run.hits).toBe(1);
  expect(faultRunProblems(run)).toEqual([
    'vpce-lab start exited 0, not 1',
    expect.stringMatching(/^the run ended SUCCEEDED .*not FAILED States\.TaskFailed$/),
    expect.stringMatching(/^the cause does not carry the refusal/),
  ]);
  await tearDown(run.outcome.runId);
});

test('a step that rethrows the refusal without its message fails the run with a cause the fault check rejects', async () => {
  const plan = planOf('CreateGatewayEndpoints');
  brokenHandlers.set('CreateGatewayEndpoints', (real: Handler) => (event, context) =>
    real(event, context).catch((error: unknown) => {
      throw Object.assign(new Error('the step failed'), { name: Error.isError(error) ? error.name : 'Error' });
    }),
  );

  const run = await runWithFailureAt(lab, plan, plan.points[0]!);

  expect(run.outcome.status).toBe('FAILED');
  expect(faultRunProblems(run)).toEqual([expect.stringMatching(/^the cause does not carry the refusal: .*the step failed/)]);
  expect(await lab.leftovers(run.outcome.runId)).toEqual(NOTHING_LEFT);
});

test('a point the run never reaches is reported as refused 0 times, not counted as a held point', async () => {
  const plan = planOf('CreateLoadBalancer');
  const unreached = { ...plan.points[0]!, occurrence: 99 };

  const run = await runWithFailureAt(lab, plan, unreached);

  expect(faultRunProblems(run)).toEqual([
    'the call at the point was refused 0 times, not once',
    'vpce-lab start exited 0, not 1',
    expect.stringMatching(/^the run ended SUCCEEDED/),
    expect.stringMatching(/^the cause does not carry the refusal/),
  ]);
  await tearDown(run.outcome.runId);
});

test('a teardown that tags a foreign VPC, and a foreign endpoint that disappears, are both reported by the foreign-resource check', async () => {
  const foreign = await seedForeignResources(lab, 210);
  const before = await settledForeign(lab, foreign);
  const [foreignVpc] = foreign.vpcIds;
  brokenHandlers.set('DeleteNetworks', (real: Handler) => async (event, context) => {
    const output = await real(event, context);
    // DeleteNetworks' own role may not tag a VPC that is not the lab's (IAM refuses it): the broken step calls with full access instead.
    await new EC2Client(clientConfig(lab.cloud.endpoint)).send(new CreateTagsCommand({ Resources: [foreignVpc!], Tags: [{ Key: 'touched-by', Value: 'teardown' }] }));
    return output;
  });
  const { outcome } = await lab.start('--scenario', 'gateway');
  const { VpcEndpoints } = await lab.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [foreignVpc!] }] }));
  const gone = VpcEndpoints![0]!.VpcEndpointId!;
  await lab.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [gone] }));

  const touched = touchedForeign(before, await settledForeign(lab, foreign));

  expect(outcome.status).toBe('SUCCEEDED');
  expect(touched).toEqual(expect.arrayContaining([foreignVpc, gone]));
});

test('with the tracer taken off the clients, the plan names every Task state whose handler calls AWS, and tries nothing', async () => {
  lab.detachTracer();

  const runs = await cleanRuns(lab);
  const detached = matrixPlan(runs, 'first');

  const calling = detached.filter((plan) => plan.sdkCalls.length > 0).map((plan) => plan.state.name);
  expect(calling.length).toBeGreaterThan(20);
  expect(detached.flatMap((plan) => plan.points)).toEqual([]);
  expect(detached.flatMap((plan) => plan.problems)).toEqual(calling.map((state) => expect.stringMatching(new RegExp(`^${state}: its handler calls .*none of its calls was traced`))));
});
