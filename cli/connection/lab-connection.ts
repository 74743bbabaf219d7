import { labStateMachineName } from '../../contract/lab-names';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { paginateListStateMachines, type SFNClient } from '@aws-sdk/client-sfn';
import type { RunningServer } from './local-server-file';

export const STATE_MACHINES = { labRun: labStateMachineName('lab-run'), teardown: labStateMachineName('teardown'), cleanup: labStateMachineName('cleanup') } as const;
export type StateMachineKey = keyof typeof STATE_MACHINES;

/** Where the command's calls go: the embedded local cloud, another endpoint, or AWS. */
export interface LabConnection {
  readonly sfn: SFNClient;
  /** For what is tagged with a run: the tags, not the executions, say what a run still holds. */
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  /** For `plan`: the account's quotas, as the Service Quotas of the place holds them. */
  readonly quotas: ServiceQuotasClient;
  /** For `exec`: a student's command on a lab instance, through Run Command. */
  readonly ssm: SSMClient;
  readonly region: string;
  /** A line for people: "local cloud at http://127.0.0.1:4566", "AWS (ap-northeast-2)". */
  readonly description: string;
  /** How often to poll an execution's history: fast locally, gently on AWS (each call is billed). */
  readonly pollMs: number;
  /**
   * The pace of the place, as a multiplier of AWS's durations: 1 on AWS, the
   * local cloud's time scale there; undefined when an endpoint does not say.
   */
  readonly timeScale?: number;
  /** Whether a run goes on when this command ends (AWS, an endpoint, the background local cloud), or dies with it (a cloud in memory). */
  readonly runsOutlive: boolean;
  /** The local cloud serving the data directory, when that is where the command works. */
  readonly server?: RunningServer;
  close(): Promise<void>;
}

/** The deployed state machine's ARN, found by its name; a clear error when the stack is not deployed there. */
export async function stateMachineArn(connection: LabConnection, key: StateMachineKey): Promise<string> {
  const name = STATE_MACHINES[key];
  for await (const page of paginateListStateMachines({ client: connection.sfn }, {})) {
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
  }
  throw new LabNotDeployed(`The state machine ${name} does not exist at ${connection.description}. Deploy the stack first (npx cdk deploy, see the README), or use --local.`);
}

/** The orchestrator is not where the command looked for it. */
export class LabNotDeployed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabNotDeployed';
  }
}
