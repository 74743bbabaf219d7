import { awsClients, clientSettingsFromEnv } from '../../functions/commons/aws-clients';
import { ScaledBackoff } from '../../functions/commons/scaled-backoff';

afterEach(() => jest.restoreAllMocks());

test("a step's clients talk to the endpoint and region Lambda's environment names, at the pace the endpoint's clock keeps", () => {
  expect(clientSettingsFromEnv({ AWS_REGION: 'ap-northeast-2', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', VPCE_LAB_TIME_SCALE: '0.05' })).toEqual({
    region: 'ap-northeast-2',
    endpoint: 'http://127.0.0.1:4566',
    timeScale: 0.05,
    accessKeyId: undefined,
  });
  expect(clientSettingsFromEnv({ AWS_DEFAULT_REGION: 'us-east-1' })).toEqual({ region: 'us-east-1', endpoint: undefined, timeScale: undefined, accessKeyId: undefined });
});

test('functions sharing one process never share clients across identities: each access key has its own', () => {
  const settings = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' };
  const one = awsClients({ ...settings, accessKeyId: 'ASIAONE' });
  expect(awsClients({ ...settings, accessKeyId: 'ASIAONE' })).toBe(one);
  expect(awsClients({ ...settings, accessKeyId: 'ASIATWO' })).not.toBe(one);
});

test.each(['fast', '-1', 'Infinity'])('a time scale of %s is refused with the variable named', (value) => {
  expect(() => clientSettingsFromEnv({ AWS_REGION: 'ap-northeast-2', VPCE_LAB_TIME_SCALE: value })).toThrow(/VPCE_LAB_TIME_SCALE must be a number >= 0/);
});

test("after throttling, the SDK's waits (up to 1, 2, 4, 8 s) shrink with the clock: a twentieth at a time scale of 0.05", () => {
  jest.spyOn(Math, 'random').mockReturnValue(0.999999);
  const backoff = new ScaledBackoff(0.05);
  backoff.setDelayBase(1000);
  expect([0, 1, 2, 3].map((attempt) => backoff.computeNextBackoffDelay(attempt))).toEqual([49, 99, 199, 399]);
  // The SDK's 20 s cap on a single wait is scaled too.
  expect(backoff.computeNextBackoffDelay(10)).toBe(999);
});

test("after a reset connection or a timeout, the SDK's waits keep the machine's pace: they wait on this host's network", () => {
  jest.spyOn(Math, 'random').mockReturnValue(0.999999);
  const backoff = new ScaledBackoff(0.05);
  backoff.setDelayBase(50);
  expect([0, 1, 2].map((attempt) => backoff.computeNextBackoffDelay(attempt))).toEqual([49, 99, 199]);
});

test("on AWS (no time scale) the clients keep the SDK's standard retry mode; each client has its own retries", async () => {
  const aws = awsClients({ region: 'eu-west-1' });
  await expect(aws.ec2.config.retryStrategy()).resolves.toMatchObject({ mode: 'standard' });
  const local = awsClients({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1', timeScale: 0.05 });
  const [ec2, ssm] = await Promise.all([local.ec2.config.retryStrategy(), local.ssm.config.retryStrategy()]);
  expect(ec2).not.toBe(ssm);
});
