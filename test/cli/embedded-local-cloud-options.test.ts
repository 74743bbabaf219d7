import { DescribeAccountAttributesCommand } from '@aws-sdk/client-ec2';
import { startLocalLab } from '../../local/lab-runtime';
import { vpceLab } from '../support/cli-runner';
import { sdkClients } from '../support/local-cloud-fixture';

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

test.each<[string, string[], boolean]>([
  ['gives each region its default VPC by default', [], true],
  ['is an account without one with --no-default-vpc', ['--no-default-vpc'], false],
])('the embedded local cloud a command starts %s', async (_, flags, hasDefaultVpc) => {
  expect((await vpceLab('list', '--local', '--no-persist', '--time-scale', '0', ...flags, '--json')).code).toBe(0);
  expect(started).toHaveBeenCalledTimes(1);
  expect(started.mock.calls[0]?.[0]).toMatchObject({ defaultVpc: hasDefaultVpc });
  // The command has closed its cloud; one started with the options it was given answers as that cloud would.
  const lab = await startLocalLab({ ...started.mock.calls[0]![0], port: 0 });
  try {
    const { AccountAttributes } = await sdkClients(lab.cloud.endpoint).ec2.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
    const value = AccountAttributes?.[0]?.AttributeValues?.[0]?.AttributeValue;
    expect(value).toEqual(hasDefaultVpc ? expect.stringMatching(/^vpc-[0-9a-f]{17}$/) : 'none');
  } finally {
    await lab.close();
  }
});
