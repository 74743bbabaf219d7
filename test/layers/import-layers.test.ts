import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** What the project's lint says of `code` written at `file`. */
function lint(file: string, code: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', file], { cwd: ROOT, input: code, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

test.each([
  ['functions/lab/example.ts', '../../cli/usage-error', 'the Lambda handlers and their domain may not import cli/'],
  ['functions/lab/example.ts', '../../local/local-cloud', 'the Lambda handlers and their domain may not import local/'],
  ['functions/handlers/example.ts', '../../infra/deploy-settings', 'the Lambda handlers and their domain may not import infra/'],
  ['local/lab/example.ts', '../../cli/usage-error', 'the local cloud may not import cli/'],
  ['local/services/ec2/model/example.ts', '../../../../bench/critical-path', 'the local cloud may not import bench/'],
  ['cli/commands/example.ts', '../../infra/deploy-settings', 'the vpce-lab command may not import infra/'],
  ['infra/example.ts', '../cli/usage-error', 'the CDK app may not import cli/'],
  ['infra/example.ts', '../local/lab-runtime', 'the CDK app may not import local/'],
  ['cli/commands/example.ts', '../../bench/leftovers', 'the vpce-lab command may not import bench/'],
  ['contract/example.ts', '../functions/commons/lab-errors', 'the contract every part shares may not import functions/'],
  ['contract/example.ts', '../statemachine/lab-run', 'the contract every part shares may not import statemachine/'],
  ['statemachine/asl/example.ts', '../../local/local-cloud', 'the workflow definitions may not import local/'],
  ['functions/lab/example.ts', '../../statemachine/lab-graph', 'the Lambda handlers and their domain may not import statemachine/'],
  ['local/protocol/example.ts', '../cloud/scheduler', 'the AWS protocols of the local cloud may not import local/cloud/'],
  ['local/protocol/example.ts', '../dispatch/dispatcher', 'the AWS protocols of the local cloud may not import local/dispatch/'],
  ['local/protocol/example.ts', '../../cli/usage-error', 'the AWS protocols of the local cloud may not import cli/'],
  ['local/cloud/example.ts', '../dispatch/dispatcher', "the local cloud's machinery may not import local/dispatch/"],
])('the lint refuses an import across a layer: %s importing %s', (file, from, message) => {
  const result = lint(file, `import * as crossed from '${from}';\nexport const used = crossed;\n`);
  expect(result.code).toBe(1);
  expect(result.output).toContain(message);
});

test.each([
  ['functions/lab/example.ts', '../commons/lab-errors'],
  ['local/cloud/example.ts', '../../functions/commons/is-kind'],
  ['cli/commands/example.ts', '../../local/local-cloud'],
  ['infra/example.ts', '../functions/lab/lab-run'],
  ['infra/example.ts', '../contract/lab-names'],
  ['cli/commands/example.ts', '../../statemachine/critical-path'],
  ['statemachine/asl/example.ts', '../../functions/commons/lab-errors'],
  ['local/dispatch/example.ts', '../cloud/scheduler'],
  ['local/protocol/example.ts', './service-error'],
  ['local/cloud/example.ts', '../protocol/service-error'],
])('the lint lets an import down the layers through: %s importing %s', (file, from) => {
  const result = lint(file, `import * as below from '${from}';\nexport const used = below;\n`);
  expect(result).toEqual({ code: 0, output: '' });
});

test('the command loads the local cloud only when it runs one in its own process: loading it for AWS reads two small modules of local/', () => {
  const script = `
    require('tsx/cjs/api').register();
    require('./cli/main.ts');
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(join(ROOT, 'local') + '/')}));
    process.stdout.write(JSON.stringify(loaded.map((file) => file.slice(${JSON.stringify(ROOT.length + 1)})).sort()));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(['local/cloud/data-dir-lock.ts', 'local/local-cloud-defaults.ts']);
});
