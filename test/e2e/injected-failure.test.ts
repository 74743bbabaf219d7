import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterEach(() => lab.cloud.runtime.faults.clear());
afterAll(() => lab.lab.close());

/** The states an execution's history shows as finished, by name. */
async function exitedStates(executionArn: string): Promise<string[]> {
  return (await lab.history(executionArn)).flatMap((event) => (event.stateExitedEventDetails?.name ? [event.stateExitedEventDetails.name] : []));
}

test.each([
  { step: 'the NLB listener (provider side)', service: 'elasticloadbalancing', action: 'CreateListener', code: 'InternalFailure', status: 500 },
  // The first CreateVpcEndpoint of a full run is CloudFormation's, the next two the gateway endpoints.
  { step: 'the interface endpoint (consumer side)', service: 'ec2', action: 'CreateVpcEndpoint', code: 'UnauthorizedOperation', status: 403, after: 0 },
  { step: 'the second gateway endpoint (consumer side)', service: 'ec2', action: 'CreateVpcEndpoint', code: 'UnauthorizedOperation', status: 403, after: 2 },
])('a failure injected mid-build at $step fails the run with the original cause, after tearing down everything it built', async ({ service, action, code, status, after }) => {
  lab.cloud.runtime.faults.add({ service, action, code, status, after, message: `Injected failure of ${action} for the test` });

  const { result, outcome } = await lab.start('--scenario', 'full');

  expect(result.code).toBe(1);
  expect(outcome).toMatchObject({ status: 'FAILED', error: code });
  expect(outcome.cause).toContain(`Injected failure of ${action} for the test`);
  expect(outcome.cause).toContain(code);
  expect(outcome.report).toBeUndefined();
  expect(await exitedStates(outcome.executionArn)).toContain('TeardownAfterFailure');
  expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
});
