import type { RunOutcome } from '../../cli/run-outcome';
import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

/** The lessons each scenario teaches, and no others. */
const LESSONS: Record<string, string[]> = {
  full: ['gateway', 'interface', 'service'],
  gateway: ['gateway'],
  interface: ['interface'],
  service: ['service'],
};

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

/** Exit 0, every lesson of the scenario (and only those) passed, every check of each; then nothing of the run is left. */
async function expectPassedAndGone(scenario: string): Promise<RunOutcome> {
  const { result, outcome } = await lab.start('--scenario', scenario);

  expect(result.code).toBe(0);
  expect(outcome).toMatchObject({ status: 'SUCCEEDED', scenario, runId: expect.stringMatching(/^lab-\d{8}-\d{4}-[0-9a-f]{4}$/) });
  expect(outcome.report?.passed).toBe(true);
  expect(outcome.report?.lessons.map((lesson) => lesson.lesson)).toEqual(LESSONS[scenario]);
  for (const lesson of outcome.report?.lessons ?? []) {
    expect(lesson.checks.length).toBeGreaterThan(0);
    for (const check of lesson.checks) expect({ checkId: check.checkId, passed: check.passed, after: check.after?.passed }).toEqual({ checkId: check.checkId, passed: true, after: true });
  }
  expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
  return outcome;
}

test.each(['gateway', 'interface', 'service'])('vpce-lab start --scenario %s passes every lesson of the scenario and only those, and nothing of the run remains', async (scenario) => {
  await expectPassedAndGone(scenario);
});

test('vpce-lab start --scenario full passes all three lessons, showing on the private instance S3 unreachable then reachable, private IPs for CloudFormation, the provider NLB resolving but unreachable then the service page; nothing remains', async () => {
  const outcome = await expectPassedAndGone('full');
  const check = (checkId: string) => outcome.report?.lessons.flatMap((lesson) => lesson.checks).find((found) => found.checkId === checkId);

  expect(check('gateway.s3')?.before).toMatchObject({ expectation: { kind: 'unreachable' }, passed: true });
  expect(check('gateway.s3')?.after).toMatchObject({ expectation: { kind: 'reachable' }, passed: true });
  expect(check('interface.dns')?.before).toMatchObject({ expectation: { kind: 'public-ips' }, passed: true });
  expect(check('interface.dns')?.after).toMatchObject({ expectation: { kind: 'ips-in', cidr: '10.0.0.0/16' }, stdout: expect.stringMatching(/^10\.0\.\d+\.\d+\n$/), passed: true });
  // Before its endpoint the consumer resolves the provider's internal NLB to the provider VPC's private addresses, and curl times out.
  expect(check('service.dns')?.before).toMatchObject({ expectation: { kind: 'private-ips-outside', cidr: '10.0.0.0/16' }, stdout: expect.stringMatching(/^(10\.1\.\d+\.\d+\n)+$/), passed: true });
  expect(check('service.http')?.before).toMatchObject({ expectation: { kind: 'connect-timeout' }, exitCode: 28, stderr: expect.stringMatching(/^curl: \(28\) Connection timed out after 5001 milliseconds\n/m), passed: true });
  expect(check('service.dns')?.after).toMatchObject({ expectation: { kind: 'ips-in', cidr: '10.0.0.0/16' }, stdout: expect.stringMatching(/^10\.0\.\d+\.\d+\n$/), passed: true });
  expect(check('service.http')?.after?.stdout).toMatch(/<h1>Endpoint Service Web Server [12]<\/h1>/);
  // Each check is typed on the public instance and reaches the private one over ssh, as the lab's walk-through does.
  expect(check('interface.dns')?.after?.typed).toMatch(/^ssh ec2-user@10\.0\.1\.\d+ 'dig \+short cloudformation\.ap-northeast-2\.amazonaws\.com'$/);
  expect(outcome.cost?.totalUsd).toBeGreaterThan(0);
});

test('the default command (npm start: a full lab on the embedded local cloud) succeeds on its own, even with AWS_ENDPOINT_URL set elsewhere', async () => {
  // The functions of the shared lab leave AWS_ENDPOINT_URL in this process's environment, as they would in Lambda's.
  process.env.AWS_ENDPOINT_URL = lab.cloud.endpoint;
  const result = await vpceLab('start', '--local', '--no-persist', '--time-scale', '0', '--json');

  expect(result.code).toBe(0);
  const outcome = printedJson<RunOutcome>(result);
  expect(outcome).toMatchObject({ status: 'SUCCEEDED', scenario: 'full', report: { passed: true } });
  expect(outcome.report?.lessons.map((lesson) => lesson.lesson)).toEqual(LESSONS.full);
  const { runs } = printedJson<{ runs: { runId: string }[] }>(await lab.cli('list', '--limit', '100'));
  expect(runs.map((run) => run.runId)).not.toContain(outcome.runId);
});

test('with IAM off the instances still run as the lab instance profile, so the hop to the private instance gets its key pushed and every lesson passes', async () => {
  const result = await vpceLab('start', '--scenario', 'gateway', '--local', '--no-persist', '--time-scale', '0', '--no-iam', '--json');

  expect(result.code).toBe(0);
  expect(printedJson<RunOutcome>(result)).toMatchObject({ status: 'SUCCEEDED', report: { passed: true } });
});
