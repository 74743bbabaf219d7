import { DEFAULT_DEPLOY_SETTINGS, deploySettings } from '../../infra/deploy-settings';

const noContext = () => undefined;
const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

test('with nothing set, the defaults: the lab region, no account (an account-agnostic template), the handlers own defaults', () => {
  expect(deploySettings(noContext, {})).toEqual({
    account: undefined,
    region: 'ap-northeast-2',
    cleanupEveryMinutes: DEFAULT_DEPLOY_SETTINGS.cleanupEveryMinutes,
    cleanupConcurrency: DEFAULT_DEPLOY_SETTINGS.cleanupConcurrency,
    acceptAllowedOwners: [],
    allowedPrincipals: [],
    acceptGraceSeconds: undefined,
    logLevel: 'INFO',
  });
});

test('the environment sets what the context does not; the context wins where both do', () => {
  const env = {
    CDK_DEFAULT_ACCOUNT: '123456789012',
    VPCE_LAB_REGION: 'eu-west-1',
    VPCE_LAB_CLEANUP_EVERY_MINUTES: '30',
    VPCE_LAB_ACCEPT_ALLOWED_OWNERS: '111122223333, 444455556666',
    VPCE_LAB_LOG_LEVEL: 'debug',
  };
  const settings = deploySettings(contextOf({ cleanupEveryMinutes: '5', cleanupConcurrency: 2, acceptGraceSeconds: '0' }), env);
  expect(settings).toMatchObject({
    account: '123456789012',
    region: 'eu-west-1',
    cleanupEveryMinutes: 5,
    cleanupConcurrency: 2,
    acceptAllowedOwners: ['111122223333', '444455556666'],
    acceptGraceSeconds: 0,
    logLevel: 'DEBUG',
  });
});

test('lists may come from cdk.json as arrays; principals are IAM ARNs', () => {
  const settings = deploySettings(contextOf({ allowedPrincipals: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/lab-consumer'] }), {});
  expect(settings.allowedPrincipals).toEqual(['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/lab-consumer']);
});

test.each([
  ['cleanupEveryMinutes', '0', /cleanupEveryMinutes \(context 'cleanupEveryMinutes' or VPCE_LAB_CLEANUP_EVERY_MINUTES\) must be a whole number from 1 to 1440, not '0'/],
  ['cleanupConcurrency', '2.5', /must be a whole number from 1 to 40, not '2.5'/],
  ['acceptAllowedOwners', '1234,111122223333', /must be a comma-separated list of 12-digit account ids, not '1234'/],
  ['allowedPrincipals', '*', /must be a comma-separated list of IAM principal ARNs/],
  ['region', 'Seoul', /must be an AWS region such as ap-northeast-2, not 'Seoul'/],
  ['account', 'abc', /must be a 12-digit account id, not 'abc'/],
  ['logLevel', 'loud', /must be one of DEBUG, INFO, WARN, ERROR, not 'LOUD'/],
])('%s %s is refused, naming where it came from and what is allowed', (key, value, message) => {
  expect(() => deploySettings(contextOf({ [key]: value }), {})).toThrow(message);
});
