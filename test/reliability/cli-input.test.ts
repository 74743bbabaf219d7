import { printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { BAD_VALUE_LINES, MALFORMED_LINES, refusalProblem } from './support/cli-bad-input';

/**
 * Every option of every command given values it must refuse, and malformed
 * command lines: each refusal exits 2, says on stderr what was wrong
 * (quoting the value) and what is allowed, prints nothing on stdout, and
 * starts nothing. The commands are pointed at the test's cloud through
 * AWS_ENDPOINT_URL, so one that got past its checks would show there.
 */
let lab: E2eLab;
let endpointBefore: string | undefined;
beforeAll(async () => {
  lab = await startE2eLab();
  endpointBefore = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = lab.cloud.endpoint;
  lab.cloud.journal.clear();
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL = endpointBefore;
  await lab.lab.close();
});

test.each(BAD_VALUE_LINES)('vpce-lab $args: exit 2, the value quoted and what is allowed', async (line) => {
  expect(refusalProblem(line, await vpceLab(...line.args))).toBeUndefined();
});

test.each(MALFORMED_LINES)('vpce-lab $args: exit 2, saying what is wrong', async (line) => {
  expect(refusalProblem(line, await vpceLab(...line.args))).toBeUndefined();
});

test('nothing refused reached the cloud: no call at all, no run listed; an accepted command does show in the journal, so its emptiness proves something', async () => {
  expect(lab.cloud.journal.list()).toEqual([]);
  expect(printedJson(await lab.cli('list'))).toEqual({ runs: [] });
  expect(lab.cloud.journal.list().length).toBeGreaterThan(0);
});
