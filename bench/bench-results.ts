import type { OrchestrationCost } from '../cli/cost/orchestration-cost';
import type { Scenario } from '../functions/lab/lab-run';
import type { CloudOverhead } from './cloud-overhead';
import type { ConcurrencyResult } from './concurrency';
import type { IamOverhead, RunIamUsage } from './iam-overhead';
import type { StartCommandCost } from './npm-start';
import type { WaitLoop } from './wait-loops';

/** One phase of one run against its critical-path bound, in AWS seconds. */
export interface PhaseResult {
  readonly boundSeconds: number;
  readonly makespanSeconds: number;
  readonly ratio: number;
  /** The steps of the bound's critical chain, first to last. */
  readonly criticalPath: readonly string[];
}

/** One run of a scenario, measured on its own. */
export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly status: string;
  readonly build: PhaseResult;
  readonly teardown: PhaseResult;
  /** The run's and its teardown's, retries included. */
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  readonly awsCalls: number;
  readonly callsByAction: Readonly<Record<string, number>>;
  /** The calls IAM authorized, as the cloud counted them: every call the run made. */
  readonly iam: RunIamUsage;
  readonly cost: OrchestrationCost;
  readonly waitLoops: readonly WaitLoop[];
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Everything `npm run bench` measured, as written to bench/results/latest.json. */
export interface BenchResults {
  readonly command: string;
  readonly date: string;
  readonly timeScale: number;
  /** The pace of the concurrency batches. */
  readonly concurrencyTimeScale: number;
  readonly machine: { readonly cpus: number; readonly node: string; readonly platform: string };
  readonly scenarios: readonly ScenarioResult[];
  readonly concurrency: readonly (ConcurrencyResult & { readonly timesOneRun: number; readonly timesBound: number })[];
  /** The most full runs at once that AWS's rate limits let finish within 1.5 times one run's bound, whatever the orchestration. */
  readonly mostRunsWithinOneAndAHalf: number;
  readonly overhead: {
    readonly benchPeakRssMb: number;
    readonly cloud: CloudOverhead;
    readonly startCommand: StartCommandCost;
    readonly iam: IamOverhead;
  };
  readonly targets: readonly TargetResult[];
  readonly benchSeconds: number;
}
