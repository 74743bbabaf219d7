import { resolve } from 'node:path';
import { LAB_FUNCTIONS, type ServedFunction } from '../functions/handlers/lab-functions';
import { labEnvironment } from '../functions/lab/lab-settings';
import { DEFAULT_REGION } from '../functions/lab/lab-run';
import { type CloudRuntime, LOCAL_ACCOUNT_ID } from './cloud/cloud-runtime';
import type { LabPolicies } from '../contract/lab-policies-format';
import { LabIdentities } from './iam/lab-identities';
import { labFunctionName, labStateMachineName } from '../contract/lab-names';
import { labStateMachines } from './lab/lab-state-machines';
import { RecurringSchedule } from './lab/recurring-schedule';
import { LambdaRuntime } from './lambda/lambda-runtime';
import { SnsDelivery } from './lambda/sns-delivery';
import { LocalCloud, type LocalCloudExtension, type LocalCloudOptions } from './local-cloud';
import { stateMachineArn } from './services/stepfunctions/model/sfn-arns';
import type { ExecutionRecord } from './services/stepfunctions/model/sfn-records';
import { createStepFunctions, type StepFunctions } from './services/stepfunctions/stepfunctions-provider';

const REPOSITORY_ROOT = resolve(__dirname, '..');

export const DEFAULT_CLEANUP_CONCURRENCY = 5;
/** The function endpoint-service connection notifications are delivered to, when it is among the functions. */
export const ACCEPT_CONNECTION_FUNCTION = 'AcceptConnection';
const CLEANUP_KEY = 'cleanup';
/** The state machine whose executions are the runs: cleanup asks it whether an expired run is still running. */
const LAB_RUN_KEY = 'lab-run';

export interface LocalLabOptions extends Omit<LocalCloudOptions, 'extend' | 'iam'> {
  /** Where the lab's functions and state machines live (their ARNs name it); default ap-northeast-2. */
  readonly region?: string;
  /** The functions served; default every entry of LAB_FUNCTIONS. */
  readonly functions?: readonly ServedFunction[];
  /** Directory of `<key>.asl.json` definitions, each registered as `vpce-lab-<key>`; default `statemachine/`. */
  readonly stateMachineDir?: string;
  /** More definitions by key (JSON text or object), registered and substituted like the files (tests). */
  readonly extraStateMachines?: Readonly<Record<string, string | object>>;
  /** `${CleanupConcurrency}`: how many expired runs cleanup tears down at once; default 5. */
  readonly cleanupConcurrency?: number;
  /** Account ids whose endpoints AcceptConnection accepts (`ACCEPT_ALLOWED_OWNERS`); default the local account. */
  readonly allowedOwners?: readonly string[];
  /** `ACCEPT_GRACE_SECONDS` for the functions, passed as given; unset when omitted. */
  readonly acceptGraceSeconds?: number;
  /** Start `vpce-lab-cleanup` every this many minutes (wall clock); no schedule when omitted. */
  readonly cleanupEveryMinutes?: number;
  /** More environment for every function (`LOG_LEVEL`, `LAB_INSTANCE_PROFILE`, ...), applied last. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where failures outside any request are reported (SNS deliveries, the schedule); default stderr. */
  readonly log?: (message: string) => void;
  /** The directory LAB_FUNCTIONS entries are relative to; default the repository root. */
  readonly rootDir?: string;
  /**
   * IAM enforced (the default): each function calls as its own role, held to
   * the statements the stack deploys (local/iam/lab-policies.json), and
   * launches with the stack's instance profile; `false` lets every call through.
   */
  readonly iam?: boolean;
  /** The policies enforced, when not the committed ones (a test that takes a statement away). */
  readonly iamPolicies?: LabPolicies;
}

/** The local cloud with the lab's workflows wired in. */
export interface LocalLab {
  readonly cloud: LocalCloud;
  readonly region: string;
  /** State machine ARNs by key: `lab-run`, `teardown`, `cleanup` (those whose file exists) and the extra ones. */
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /** The SNS topic connection notifications go to (`CONNECTION_TOPIC_ARN` of the functions). */
  readonly connectionTopicArn: string;
  /** An execution's record, with `stateTransitions` and `lambdaInvocations` (the benchmark's counts). */
  execution(executionArn: string): ExecutionRecord | undefined;
  /** The executions (of any of the lab's state machines) still running. */
  runningExecutions(): string[];
  close(): Promise<void>;
}

export const connectionTopicArn = (region: string, accountId: string): string => `arn:aws:sns:${region}:${accountId}:vpce-lab-connection-notifications`;

/**
 * Starts the local cloud with everything the lab runs on: the lab's Lambda
 * functions in-process, its state machines from `statemachine/` served by
 * Step Functions, connection notifications delivered to AcceptConnection as
 * SNS would, and (when asked) the cleanup schedule. A state machine file that
 * is invalid or uses an unknown placeholder stops the start with an error
 * naming the file.
 */
export async function startLocalLab(options: LocalLabOptions = {}): Promise<LocalLab> {
  const wiring = new LabWiring(options);
  const cloud = await LocalCloud.start({
    iam: wiring.identities,
    port: options.port,
    timeScale: options.timeScale,
    dataDir: options.dataDir,
    log: options.log,
    rateLimits: options.rateLimits,
    faultRandom: options.faultRandom,
    zoneGaps: options.zoneGaps,
    defaultVpc: options.defaultVpc,
    extend: (runtime) => wiring.extension(runtime),
  });
  return {
    cloud,
    region: wiring.region,
    stateMachineArns: wiring.stateMachineArns,
    connectionTopicArn: connectionTopicArn(wiring.region, cloud.runtime.accountId),
    execution: (executionArn) => wiring.execution(executionArn),
    runningExecutions: () => wiring.runningExecutions(),
    close: () => cloud.close(),
  };
}

/** The parts the lab adds to the cloud: built on its runtime before it listens, started once it does, stopped when it closes. */
class LabWiring {
  readonly region: string;
  readonly stateMachineArns: Record<string, string> = {};
  private readonly rootDir: string;
  private readonly functions: readonly ServedFunction[];
  private readonly log: (message: string) => void;
  private stepFunctions: StepFunctions | undefined;
  private delivery: SnsDelivery | undefined;
  private schedule: RecurringSchedule | undefined;
  private endpoint = '';
  readonly identities: LabIdentities | undefined;
  /** The stack's instance profile, which the instances have with IAM enforced or not: the hop to the private instance pushes its key with it. */
  private readonly instanceProfile: string;

  constructor(private readonly options: LocalLabOptions) {
    this.region = options.region ?? DEFAULT_REGION;
    const scope = { partition: 'aws', region: this.region, accountId: LOCAL_ACCOUNT_ID };
    const labIdentities = options.iamPolicies ? new LabIdentities(options.iamPolicies, scope) : LabIdentities.fromFile(scope);
    this.identities = options.iam === false ? undefined : labIdentities;
    this.instanceProfile = [...labIdentities.instanceProfiles.keys()].join(',');
    this.rootDir = options.rootDir ?? REPOSITORY_ROOT;
    this.functions = options.functions ?? LAB_FUNCTIONS;
    this.log = options.log ?? ((message) => process.stderr.write(`${message}\n`));
  }

  extension(runtime: CloudRuntime): LocalCloudExtension {
    const lambda = this.lambdaRuntime(runtime);
    const machines = labStateMachines({
      region: this.region,
      accountId: runtime.accountId,
      functions: this.functions,
      directory: this.options.stateMachineDir ?? resolve(this.rootDir, 'statemachine'),
      extra: this.options.extraStateMachines ?? {},
      cleanupConcurrency: this.options.cleanupConcurrency ?? DEFAULT_CLEANUP_CONCURRENCY,
    });
    const stepFunctions = createStepFunctions(runtime, { region: this.region, stateMachines: machines, invokeLambda: (arn, payload) => lambda.invoke(arn, payload) });
    this.stepFunctions = stepFunctions;
    for (const machine of machines) this.stateMachineArns[machine.key] = stateMachineArn(this.region, runtime.accountId, machine.name);
    const cleanupArn = this.stateMachineArns[CLEANUP_KEY];
    if (this.options.cleanupEveryMinutes !== undefined && !cleanupArn) {
      throw new Error('cleanupEveryMinutes is set, but there is no cleanup state machine to start (statemachine/cleanup.asl.json)');
    }
    return {
      providers: [stepFunctions.provider],
      started: (cloud) => {
        this.endpoint = cloud.endpoint;
        const acceptArn = lambda.arnOf(labFunctionName(ACCEPT_CONNECTION_FUNCTION));
        const topicArn = connectionTopicArn(this.region, runtime.accountId);
        if (lambda.has(acceptArn)) this.delivery = new SnsDelivery(runtime, (arn, payload) => lambda.invoke(arn, payload), { topicArn, functionArn: acceptArn }, this.log);
        if (this.options.cleanupEveryMinutes !== undefined && cleanupArn) {
          this.schedule = new RecurringSchedule(this.options.cleanupEveryMinutes, () => stepFunctions.startExecution(cleanupArn, '{}'), this.log, 'cleanup');
        }
      },
      closing: async () => {
        this.schedule?.stop();
        this.delivery?.close();
        await stepFunctions.close();
      },
    };
  }

  execution(executionArn: string): ExecutionRecord | undefined {
    return this.stepFunctions?.execution(executionArn);
  }

  runningExecutions(): string[] {
    return this.stepFunctions?.runningExecutions() ?? [];
  }

  /** The lab's functions, with the environment Lambda would give them: this cloud as endpoint, and the lab's settings. */
  private lambdaRuntime(runtime: CloudRuntime): LambdaRuntime {
    return new LambdaRuntime({
      region: this.region,
      accountId: runtime.accountId,
      functions: this.functions.map((fn) => {
        const name = labFunctionName(fn.id);
        return { name, entry: resolve(this.rootDir, fn.entry), timeoutSeconds: fn.timeoutSeconds, environment: { ...this.identities?.credentialsOf(name) } };
      }),
      environment: () => ({
        AWS_ENDPOINT_URL: this.endpoint,
        VPCE_LAB_TIME_SCALE: String(runtime.clock.timeScale),
        ...labEnvironment({
          connectionTopicArn: connectionTopicArn(this.region, runtime.accountId),
          labRunStateMachineArn: stateMachineArn(this.region, runtime.accountId, labStateMachineName(LAB_RUN_KEY)),
          acceptAllowedOwners: this.options.allowedOwners ?? [runtime.accountId],
          acceptGraceSeconds: this.options.acceptGraceSeconds,
          // The stack gives every function its instance profile; the launch steps pass its role.
          instanceProfile: this.instanceProfile,
        }),
        ...this.options.environment,
      }),
    });
  }
}
