/**
 * What the lab's steps read from their environment (set on the Lambda
 * functions by the CDK app and by the local runtime, both through
 * `labEnvironment`). Read at call time, so one process can run steps with
 * different settings (tests, the local cloud).
 */
export interface LabSettings {
  /** Instance profile (name or ARN) of the lab's instances: on AWS the stack's SSM-managed-instance role. */
  readonly instanceProfile?: string;
  /** Principals allowed to connect to the endpoint service; the lab's own account root when unset. */
  readonly allowedPrincipals?: string[];
  /** SNS topic the endpoint service's connection notifications go to; none when unset. */
  readonly connectionTopicArn?: string;
  /** How long the workflow leaves a pending connection to the `accept-connection` handler before deciding itself. */
  readonly acceptGraceSeconds: number;
  /** Endpoint owners (account ids) the lab accepts connections from; the lab's own account when unset. */
  readonly acceptAllowedOwners?: string[];
  /** The lab-run state machine's ARN (`LAB_RUN_STATE_MACHINE_ARN`): whose executions cleanup asks whether a run is still running. */
  readonly labRunStateMachineArn?: string;
}

/** The environment variable each setting is read from. */
const VARIABLES = {
  instanceProfile: 'LAB_INSTANCE_PROFILE',
  allowedPrincipals: 'LAB_ALLOWED_PRINCIPALS',
  connectionTopicArn: 'CONNECTION_TOPIC_ARN',
  acceptGraceSeconds: 'ACCEPT_GRACE_SECONDS',
  acceptAllowedOwners: 'ACCEPT_ALLOWED_OWNERS',
  labRunStateMachineArn: 'LAB_RUN_STATE_MACHINE_ARN',
} as const satisfies Record<keyof LabSettings, string>;

export const DEFAULT_ACCEPT_GRACE_SECONDS = 60;
/** The longest grace a deployment may set: AwaitConnectionAccepted's Retry waits at least this long for a pending connection. */
export const MAX_ACCEPT_GRACE_SECONDS = 3600;

/** A comma-separated setting as a list; unset or empty is no list at all. */
const listOf = (value: string | undefined): string[] | undefined => {
  const items = (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
};

function graceSeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_ACCEPT_GRACE_SECONDS;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_ACCEPT_GRACE_SECONDS) {
    throw new Error(`${VARIABLES.acceptGraceSeconds} must be a whole number of seconds from 0 to ${MAX_ACCEPT_GRACE_SECONDS}, not '${value}'`);
  }
  return seconds;
}

export function labSettings(env: NodeJS.ProcessEnv = process.env): LabSettings {
  return {
    instanceProfile: env[VARIABLES.instanceProfile] || undefined,
    allowedPrincipals: listOf(env[VARIABLES.allowedPrincipals]),
    connectionTopicArn: env[VARIABLES.connectionTopicArn] || undefined,
    acceptGraceSeconds: graceSeconds(env[VARIABLES.acceptGraceSeconds]),
    acceptAllowedOwners: listOf(env[VARIABLES.acceptAllowedOwners]),
    labRunStateMachineArn: env[VARIABLES.labRunStateMachineArn] || undefined,
  };
}

/** Settings as the deployment gives them: any may be left out, and then the step's default holds. */
export type LabSettingsInput = { readonly [K in keyof LabSettings]?: LabSettings[K] extends string[] | undefined ? readonly string[] : LabSettings[K] };

/**
 * The environment that makes `labSettings` read `settings`: what the stack sets
 * on each Lambda function and the local runtime gives each function it runs.
 * A setting left out, or an empty list, sets no variable.
 */
export function labEnvironment(settings: LabSettingsInput): Record<string, string> {
  const entries = Object.entries(VARIABLES).flatMap(([key, variable]) => {
    const value = settings[key as keyof LabSettings];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    return [[variable, Array.isArray(value) ? value.join(',') : String(value)]];
  });
  return Object.fromEntries(entries);
}
