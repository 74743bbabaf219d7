import type { CliResult } from '../../support/cli-runner';

/** One command line `vpce-lab` must refuse: what the refusal says, and the bad value it must quote, if any. */
export interface BadCommandLine {
  readonly args: string[];
  readonly says: RegExp;
  readonly value?: string;
}

const RUN_ID = 'lab-20261126-0112-ab12';
const PLACES_HINT = /give one of --local \(the embedded local cloud, the default\), --endpoint <url> \(any AWS-compatible endpoint\) or --aws \(AWS itself\)\./;

/** Bad values per option, and what the refusal must say besides quoting the value. */
const BAD_VALUES: Readonly<Record<string, { values: string[]; says: RegExp }>> = {
  '--scenario': { values: ['', 'FULL', 'everything', 'gateway,interface', 'full '], says: /unknown scenario .*; allowed: full, gateway, interface, service\./ },
  '--ttl': {
    values: ['', 'abc', '0', '-1h', '1e9h', '5 fortnights', '9m', '0.1h', '8d', '1y', '2h30m', '1.5.5h'],
    says: /expected a duration such as 30m, 2h or 1d|the TTL must be at least \d+m for the full scenario: its build takes|the TTL must be at most 7d/,
  },
  '--region': { values: ['', 'mars', 'us-east', 'US-EAST-1', 'ap-northeast-2a', 'ap_northeast_2', ' ap-northeast-2'], says: /expected an AWS region such as ap-northeast-2/ },
  '--endpoint': {
    values: ['', 'not a url', 'ftp://127.0.0.1', 'localhost:4566', 'http://', 'http://127.0.0.1:99999', 'javascript:alert(1)'],
    says: /expected (a URL such as http:\/\/127\.0\.0\.1:4566|an http or https URL)/,
  },
  '--time-scale': { values: ['', 'fast', '-1', '-0.5', 'Infinity', 'NaN', '1e999', '0x10', '0b1', ' 1'], says: /expected a number >= 0 \(1 = AWS's own pace/ },
  '--limit': { values: ['', '0', '-1', '1001', '1.5', 'ten', '1e2'], says: /expected a number from 1 to 1000/ },
  '--runs': { values: ['', '0', '-3', '501', '1.5', 'ten', '1e2'], says: /expected a number of runs from 1 to 500/ },
  '--batch': {
    values: ['', 'batch-42', 'BATCH-20261126-0112-AB12', 'lab-20261126-0112-ab12', 'batch-20261126-0112-ab12; rm -rf /', 'batch-20261126-0112-ab12\n'],
    says: /is not a batch id; batch ids look like batch-20261126-0112-ab12/,
  },
  '--on': { values: ['', 'Private', 'bastion', 'private ', 'web-server-1', 'web'], says: /expected the instance to run on: private or public|the web servers cannot be reached by Run Command/ },
  '--timeout': { values: ['', '0', '-1', '601', '1.5', 'ten', '1e2'], says: /expected whole seconds from 1 to 600/ },
  '--port': { values: ['', '-1', '65536', 'http', '80.5', '0x50'], says: /expected a TCP port from 0 to 65535/ },
  '--cleanup-every': { values: ['', '0', '-5', 'soon', '1e3', '15m'], says: /expected a number of minutes > 0/ },
};

/** The options each command takes (a command with a run id is given a well-formed one). */
const CONNECTION = ['--region', '--endpoint', '--time-scale'];
const COMMANDS: readonly { args: string[]; options: string[] }[] = [
  { args: ['start'], options: ['--scenario', '--ttl', '--runs', ...CONNECTION] },
  { args: ['plan', '--runs', '2'], options: ['--runs', '--scenario', ...CONNECTION] },
  { args: ['status', RUN_ID], options: CONNECTION },
  { args: ['list'], options: ['--limit', '--batch', ...CONNECTION] },
  { args: ['teardown', RUN_ID], options: CONNECTION },
  { args: ['lesson', RUN_ID], options: CONNECTION },
  { args: ['next', RUN_ID], options: CONNECTION },
  { args: ['exec', RUN_ID], options: ['--on', '--timeout', ...CONNECTION] },
  { args: ['cleanup'], options: ['--batch', ...CONNECTION] },
  { args: ['local'], options: ['--port', '--time-scale', '--region', '--cleanup-every'] },
];

const BAD_RUN_IDS = ['', 'lab-42', 'LAB-20261126-0112-AB12', `${RUN_ID}; rm -rf /`, '../x', `${RUN_ID}\n`, 'vpc-0123456789abcdef0'];

/** Every option of every command with each of its bad values, and every command with a run id given bad ones. */
export const BAD_VALUE_LINES: readonly BadCommandLine[] = [
  ...COMMANDS.flatMap(({ args, options }) => options.flatMap((option) => (BAD_VALUES[option]?.values ?? []).map((value) => ({ args: [...args, option, value], value, says: BAD_VALUES[option]?.says ?? /./ })))),
  ...['status', 'teardown', 'lesson', 'next', 'exec'].flatMap((command) =>
    BAD_RUN_IDS.map((value) => ({ args: [command, value, ...(command === 'exec' ? ['--on', 'private', '--', 'hostname'] : [])], value, says: /is not a run id; run ids look like lab-20261126-0112-ab12 \(see vpce-lab list\)\./ }))),
];

/** Command lines malformed whatever the values: no or no such command, missing or extra arguments, unknown options, two places at once. */
export const MALFORMED_LINES: readonly BadCommandLine[] = [
  { args: [], says: /Usage: vpce-lab \[options\] \[command\]/ },
  { args: ['launch'], says: /unknown command 'launch'/ },
  { args: ['start', 'extra'], says: /too many arguments for 'start'\. Expected 0 arguments but got 1\./ },
  { args: ['status'], says: /missing required argument 'run-id'/ },
  { args: ['teardown'], says: /missing required argument 'run-id'/ },
  { args: ['status', RUN_ID, RUN_ID], says: /too many arguments for 'status'/ },
  { args: ['start', '--colour', 'blue'], says: /unknown option '--colour'/ },
  { args: ['start', '--scenario'], says: /option '--scenario <scenario>' argument missing/ },
  { args: ['list', '--limit'], says: /option '--limit <n>' argument missing/ },
  { args: ['plan'], says: /required option '--runs <n>' not specified/ },
  { args: ['cleanup', '--batch'], says: /option '--batch <batch-id>' argument missing/ },
  { args: ['start', '--keep=yes'], says: /unknown option '--keep=yes'/ },
  { args: ['start', '--json=1'], says: /unknown option '--json=1'/ },
  { args: ['cleanup', '--no-persist=0'], says: /unknown option '--no-persist=0'/ },
  { args: ['start', '--aws', '--endpoint', 'http://127.0.0.1:4566'], says: PLACES_HINT },
  { args: ['list', '--local', '--aws'], says: PLACES_HINT },
  { args: ['teardown', RUN_ID, '--local', '--endpoint', 'http://127.0.0.1:4566'], says: PLACES_HINT },
  { args: ['next'], says: /missing required argument 'run-id'/ },
  { args: ['lesson', RUN_ID, RUN_ID], says: /too many arguments for 'lesson'/ },
  { args: ['exec', RUN_ID, '--', 'hostname'], says: /required option '--on <instance>' not specified/ },
  { args: ['exec', RUN_ID, '--on', 'private'], says: /give the command to run after --/ },
  { args: ['exec', RUN_ID, '--on', 'private', '--', 'printf', 'a\nb'], says: /exec runs one command line: join the lines with ; or &&\./ },
  { args: ['start', '--guided', '--runs', '2'], says: /--guided starts one run, which waits for its own student/ },
];

/** What is wrong with how `vpce-lab` answered a line it must refuse, or undefined: exit 2, nothing on stdout, a message saying what is wrong (quoting the value). */
export function refusalProblem(line: BadCommandLine, result: CliResult): string | undefined {
  const shown = JSON.stringify(line.args);
  if (result.code !== 2) return `${shown}: exit ${result.code}, not 2 (${result.stderr.trim() || result.stdout.slice(0, 200)})`;
  if (result.stdout !== '') return `${shown}: printed on stdout: ${result.stdout.slice(0, 200)}`;
  if (!line.says.test(result.stderr)) return `${shown}: the message does not say ${line.says}: ${result.stderr.trim()}`;
  if (line.value !== undefined && !result.stderr.includes(`'${line.value}'`)) return `${shown}: the message does not quote '${line.value}': ${result.stderr.trim()}`;
  return undefined;
}
