import { startLocalLab } from '../../local/lab-runtime';
import { vpceLab } from '../support/cli-runner';

jest.mock('../../local/lab-runtime', () => {
  const actual = jest.requireActual<typeof import('../../local/lab-runtime')>('../../local/lab-runtime');
  return { ...actual, startLocalLab: jest.fn(actual.startLocalLab) };
});

const started = jest.mocked(startLocalLab);

afterEach(() => started.mockClear());

test.each<[string, string[], boolean]>([
  ['enforces IAM by default', [], true],
  ['lets every call through with --no-iam', ['--no-iam'], false],
])('the embedded local cloud a command starts %s', async (_, flags, enforced) => {
  const result = await vpceLab('list', '--local', '--no-persist', '--time-scale', '0', ...flags, '--json');
  expect(result.code).toBe(0);
  expect(started).toHaveBeenCalledTimes(1);
  const lab = await started.mock.results[0]?.value;
  expect(lab?.cloud.iam !== undefined).toBe(enforced);
});
