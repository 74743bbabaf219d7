/** The IAM service prefix of each AWS SDK v3 client a lab function may bundle a call to. */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  'client-ec2': 'ec2',
  'client-elastic-load-balancing-v2': 'elasticloadbalancing',
  'client-ssm': 'ssm',
  'client-service-quotas': 'servicequotas',
  'client-sfn': 'states',
  'client-sts': 'sts',
};

const IDENTIFIER = '[A-Za-z_$][\\w$]*';

/**
 * The AWS API calls a bundled function makes, as IAM actions: every
 * `<client>.<Name>Command` and `<client>.paginate<Name>` left in the esbuild
 * bundle (tree-shaken, the SDK kept external as `require("@aws-sdk/...")`),
 * so a call only reachable from another step's code does not count.
 */
export function bundledSdkCalls(bundle: string): string[] {
  const clients = new Map<string, string>();
  for (const [, variable = '', client = ''] of bundle.matchAll(new RegExp(`(${IDENTIFIER})=require\\("@aws-sdk/([\\w-]+)"\\)`, 'g'))) {
    const prefix = IAM_PREFIX[client];
    if (prefix === undefined) throw new Error(`a bundle requires @aws-sdk/${client}, whose IAM prefix test/support/bundled-sdk-calls.ts does not know`);
    clients.set(variable, prefix);
  }
  const actions = new Set<string>();
  for (const [, variable = '', paginated, command] of bundle.matchAll(new RegExp(`(?<![\\w$.])(${IDENTIFIER})\\.(?:paginate(\\w+)|(\\w+)Command)\\b`, 'g'))) {
    const prefix = clients.get(variable);
    if (prefix !== undefined) actions.add(`${prefix}:${paginated ?? command}`);
  }
  return [...actions].sort();
}
