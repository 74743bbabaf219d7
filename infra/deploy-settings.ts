import { DEFAULT_REGION } from '../functions/lab/lab-run';
import { MAX_ACCEPT_GRACE_SECONDS } from '../functions/lab/lab-settings';

/**
 * What a deployment may change, each from CDK context (`npx cdk deploy -c
 * cleanupEveryMinutes=30`) or else from the environment (`VPCE_LAB_...`),
 * else its default. Read once at synth time; nothing here calls AWS.
 */
export interface DeploySettings {
  /** Account to deploy to; unset leaves the template account-agnostic (`AWS::AccountId`), which is what offline synth gives. */
  readonly account?: string;
  /** Region of the stack, and so of the lab's runs; `vpce-lab start --aws` uses the same default. */
  readonly region: string;
  /** How often EventBridge Scheduler starts `vpce-lab-cleanup`. */
  readonly cleanupEveryMinutes: number;
  /** How many expired runs one cleanup tears down at once (`${CleanupConcurrency}` of cleanup.asl.json). */
  readonly cleanupConcurrency: number;
  /** Endpoint owners (account ids) whose connection requests are accepted; the lab's own account when empty. */
  readonly acceptAllowedOwners: readonly string[];
  /** Principals allowed to connect to the endpoint service; the lab's own account root when empty. */
  readonly allowedPrincipals: readonly string[];
  /** Seconds the workflow leaves a pending connection to AcceptConnection before deciding itself; the handlers' default when unset. */
  readonly acceptGraceSeconds?: number;
  /** Powertools log level of every function. */
  readonly logLevel: LogLevel;
}

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

/** The cleanup default matches `vpce-lab local --cleanup-every`; the concurrency the local cloud's. */
export const DEFAULT_DEPLOY_SETTINGS = {
  region: DEFAULT_REGION,
  cleanupEveryMinutes: 15,
  cleanupConcurrency: 5,
  logLevel: 'INFO',
} as const satisfies Partial<DeploySettings>;

/** Where each setting is read: its context key, then its environment variable. */
const SOURCES = {
  account: ['account', 'CDK_DEFAULT_ACCOUNT'],
  region: ['region', 'VPCE_LAB_REGION'],
  cleanupEveryMinutes: ['cleanupEveryMinutes', 'VPCE_LAB_CLEANUP_EVERY_MINUTES'],
  cleanupConcurrency: ['cleanupConcurrency', 'VPCE_LAB_CLEANUP_CONCURRENCY'],
  acceptAllowedOwners: ['acceptAllowedOwners', 'VPCE_LAB_ACCEPT_ALLOWED_OWNERS'],
  allowedPrincipals: ['allowedPrincipals', 'VPCE_LAB_ALLOWED_PRINCIPALS'],
  acceptGraceSeconds: ['acceptGraceSeconds', 'VPCE_LAB_ACCEPT_GRACE_SECONDS'],
  logLevel: ['logLevel', 'VPCE_LAB_LOG_LEVEL'],
} as const satisfies Record<keyof DeploySettings, readonly [string, string]>;

type SettingName = keyof typeof SOURCES;

/** A setting that cannot be used, named with where it came from and what it accepts. */
export class InvalidDeploySetting extends Error {
  constructor(name: SettingName, value: string, expected: string) {
    const [contextKey, envName] = SOURCES[name];
    super(`${name} (context '${contextKey}' or ${envName}) must be ${expected}, not '${value}'`);
    this.name = 'InvalidDeploySetting';
  }
}

type ContextReader = (key: string) => unknown;

/** The raw text of a setting: context first (as given on the command line or in cdk.json), then the environment. */
function rawSetting(name: SettingName, context: ContextReader, env: NodeJS.ProcessEnv): string | undefined {
  const [contextKey, envName] = SOURCES[name];
  const fromContext = context(contextKey);
  const value = fromContext === undefined ? env[envName] : Array.isArray(fromContext) ? fromContext.join(',') : String(fromContext);
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function wholeNumber(name: SettingName, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new InvalidDeploySetting(name, value, `a whole number from ${min} to ${max}`);
  return number;
}

function listOf(name: SettingName, value: string | undefined, pattern: RegExp, expected: string): string[] {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const wrong = items.find((item) => !pattern.test(item));
  if (wrong !== undefined) throw new InvalidDeploySetting(name, wrong, expected);
  return items;
}

const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:aws[\w-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function deploySettings(context: ContextReader, env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const read = (name: SettingName) => rawSetting(name, context, env);
  const account = read('account');
  if (account !== undefined && !ACCOUNT_ID.test(account)) throw new InvalidDeploySetting('account', account, 'a 12-digit account id');
  const region = read('region') ?? DEFAULT_DEPLOY_SETTINGS.region;
  if (!REGION.test(region)) throw new InvalidDeploySetting('region', region, `an AWS region such as ${DEFAULT_REGION}`);
  const cleanupEvery = read('cleanupEveryMinutes');
  const concurrency = read('cleanupConcurrency');
  const grace = read('acceptGraceSeconds');
  const logLevel = (read('logLevel') ?? DEFAULT_DEPLOY_SETTINGS.logLevel).toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new InvalidDeploySetting('logLevel', logLevel, `one of ${LOG_LEVELS.join(', ')}`);
  return {
    account,
    region,
    // EventBridge Scheduler's rate() takes at least one minute; at most a day, so an expired run waits no longer for its cleanup.
    cleanupEveryMinutes: cleanupEvery === undefined ? DEFAULT_DEPLOY_SETTINGS.cleanupEveryMinutes : wholeNumber('cleanupEveryMinutes', cleanupEvery, 1, 1440),
    // A Map state's MaxConcurrency; each teardown is one nested execution, so a few at once is enough.
    cleanupConcurrency: concurrency === undefined ? DEFAULT_DEPLOY_SETTINGS.cleanupConcurrency : wholeNumber('cleanupConcurrency', concurrency, 1, 40),
    acceptAllowedOwners: listOf('acceptAllowedOwners', read('acceptAllowedOwners'), ACCOUNT_ID, 'a comma-separated list of 12-digit account ids'),
    allowedPrincipals: listOf('allowedPrincipals', read('allowedPrincipals'), PRINCIPAL_ARN, 'a comma-separated list of IAM principal ARNs (arn:aws:iam::<account>:root, :role/..., :user/...)'),
    acceptGraceSeconds: grace === undefined ? undefined : wholeNumber('acceptGraceSeconds', grace, 0, MAX_ACCEPT_GRACE_SECONDS),
    logLevel: logLevel as LogLevel,
  };
}
