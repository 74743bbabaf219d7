import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import type { RunOutcome } from '../../cli/run-outcome';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterEach(() => lab.cloud.runtime.faults.clear());
afterAll(() => lab.lab.close());

/** The first CreateVpcEndpoint of a gateway run is its S3 gateway endpoint's: the consumer network and instances are built and the baseline taken by then. */
const failGatewayEndpoints = () =>
  lab.cloud.runtime.faults.add({ service: 'ec2', action: 'CreateVpcEndpoint', code: 'UnauthorizedOperation', status: 403, after: 0, message: 'You are not authorized to perform this operation.' });

test('a failed step shows ✖ with its error on one line, the run ends with the step, AWS code and message, costs only what it built, and exits 1', async () => {
  failGatewayEndpoints();

  const result = await vpceLab('start', '--scenario', 'gateway', '--endpoint', lab.cloud.endpoint);

  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^✖ Create gateway endpoints +[\d.]+s {2}at [\d.]+s\n {2}UnauthorizedOperation: You are not authorized to perform this operation\.$/m);
  expect(result.stdout).not.toMatch(/✔ Create gateway endpoints/);
  expect(result.stdout).toMatch(/^✔ Launch consumer instances /m);
  expect(result.stdout).toMatch(/^Run lab-\S+ failed at Create gateway endpoints after [\d.]+ s: UnauthorizedOperation: You are not authorized to perform this operation\.$/m);
  expect(result.stdout).not.toContain('"trace"');
  expect(result.stdout).not.toContain('errorType');
  // The instances were built; a gateway run has no interface endpoint to pay for.
  expect(result.stdout).toMatch(/EC2 t3\.micro instances +2 x/);
  expect(result.stdout).not.toContain('Interface endpoints');
});

test('with --json the failed run is the outcome on stdout and one error document on stderr', async () => {
  failGatewayEndpoints();

  const result = await vpceLab('start', '--scenario', 'gateway', '--endpoint', lab.cloud.endpoint, '--json');

  expect(result.code).toBe(1);
  const outcome = printedJson<RunOutcome>(result);
  expect(outcome.failure).toEqual({ step: 'CreateGatewayEndpoints', code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' });
  expect(outcome.cost?.lines.map((line) => line.item)).toEqual(['EC2 t3.micro instances', 'Public IPv4 addresses']);
  expect(JSON.parse(result.stderr)).toEqual({
    error: { step: 'CreateGatewayEndpoints', code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.', exitCode: 1 },
  });
});
