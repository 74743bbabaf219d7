import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { printedJson, vpceLab } from '../support/cli-runner';
import { ttlFloor } from '../../cli/run-request';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

test.each([
  { input: 'an unknown scenario', args: ['start', '--scenario', 'everything'], says: /'everything'.*unknown scenario 'everything'; allowed: full, gateway, interface, service\./ },
  { input: 'a TTL that is no duration', args: ['start', '--ttl', 'abc'], says: /expected a duration such as 30m, 2h or 1d, got 'abc'/ },
  { input: 'a TTL under the full build’s floor', args: ['start', '--ttl', '1m'], says: new RegExp(`the TTL must be at least ${ttlFloor('full').text} for the full scenario: its build takes .* on AWS at its typical latencies \\(.+\\); got '1m'`) },
  { input: 'a TTL over seven days', args: ['start', '--ttl', '30d'], says: /the TTL must be at most 7d, got '30d'/ },
  { input: 'a malformed run id (status)', args: ['status', 'lab-42'], says: /'lab-42' is not a run id; run ids look like lab-20261126-0112-ab12 \(see vpce-lab list\)/ },
  { input: 'a malformed run id (teardown)', args: ['teardown', 'vpc-0123456789abcdef0'], says: /'vpc-0123456789abcdef0' is not a run id; run ids look like lab-\d{8}-\d{4}-[0-9a-f]{4}/ },
  { input: 'a run that does not exist', args: ['status', 'lab-20200101-0000-abcd'], says: /There is no run lab-20200101-0000-abcd at the endpoint http:\/\/127\.0\.0\.1:\d+ \(see vpce-lab list\)\./ },
  { input: 'both --aws and --endpoint', args: ['start', '--aws'], says: /--endpoint <url> and --aws cannot be used together; give one of --local \(the embedded local cloud, the default\), --endpoint <url> \(any AWS-compatible endpoint\) or --aws \(AWS itself\)\./ },
  { input: 'both --local and --endpoint', args: ['list', '--local'], says: /--local and --endpoint <url> cannot be used together; give one of --local/ },
])('$input is refused with exit code 2 and a message saying what is allowed', async ({ args, says }) => {
  const result = await vpceLab(...args, '--endpoint', lab.cloud.endpoint);

  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(says);
  expect(result.stdout).toBe('');
});

test.each([
  { input: 'an unknown scenario', args: ['start', '--scenario', 'everything'], code: 'commander.invalidArgument', says: /unknown scenario 'everything'; allowed: full, gateway, interface, service\./ },
  { input: 'a TTL under the floor', args: ['start', '--ttl', '1m'], code: 'UsageError', says: /the TTL must be at least/ },
  { input: 'an unknown option', args: ['list', '--colour'], code: 'commander.unknownOption', says: /unknown option '--colour'/ },
  { input: 'a run that does not exist', args: ['status', 'lab-20200101-0000-abcd'], code: 'UsageError', says: /There is no run lab-20200101-0000-abcd/ },
])('with --json, $input is one JSON error document on stderr, exit code 2, and nothing on stdout', async ({ args, code, says }) => {
  const result = await lab.cli(...args);

  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const { error } = JSON.parse(result.stderr) as { error: { code: string; message: string; exitCode: number } };
  expect(error).toEqual({ code, message: expect.stringMatching(says), exitCode: 2 });
  expect(error.message).not.toMatch(/^error: |--help/);
});

test('nothing refused started anything: no execution of any workflow, no run listed', async () => {
  expect(lab.cloud.journal.list().filter((call) => call.action === 'StartExecution')).toEqual([]);
  expect(printedJson(await lab.cli('list'))).toEqual({ runs: [] });
});
