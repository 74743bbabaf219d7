import { GUIDED_REPORT } from '../statemachine/guided-lessons';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { LabRun } from '../functions/lab/lab-run';
import type { LabReport } from '../functions/lab/verification/build-report';
import { builtInventory } from './cost/built-inventory';
import { type CostEstimate, estimateCost } from './cost/cost-estimate';
import { type AwsClock, secondsAt } from './follow/aws-clock';
import { stateOutput } from './follow/execution-events';
import { type RunFailure, runFailure } from './follow/run-failure';
import { wallClockSpans } from './follow/run-hold';

/** What a finished (or running) run amounts to, for people and for `--json`. */
export interface RunOutcome {
  readonly runId: string;
  readonly executionArn: string;
  readonly status: string;
  readonly scenario?: string;
  readonly startDate?: string;
  readonly stopDate?: string;
  /** When the run may be torn down by the schedule (its TTL). */
  readonly expiresAt?: string;
  /** How long it ran (or has run), in the seconds the clock says (AWS seconds but at time scale 0), the hold counted as wall-clock time. */
  readonly seconds: number;
  readonly error?: string;
  readonly cause?: string;
  /** A failed run's error as one line: its step, AWS's code and message. */
  readonly failure?: RunFailure;
  readonly report?: LabReport;
  readonly cost?: CostEstimate;
}

export interface ExecutionFacts {
  readonly executionArn: string;
  readonly status?: string;
  readonly input?: string;
  readonly startDate?: Date;
  readonly stopDate?: Date;
  readonly error?: string;
  readonly cause?: string;
}

/** Reads the run, its report (the BuildReport step's output) and the cost of what it built from an execution and its history. */
export function runOutcome(execution: ExecutionFacts, events: readonly HistoryEvent[], now: Date, clock: AwsClock): RunOutcome {
  const run = (execution.input ? (JSON.parse(execution.input) as { run?: LabRun }) : {}).run;
  const reported = (stateOutput(events, 'BuildReport') ?? stateOutput(events, GUIDED_REPORT)) as { report?: LabReport } | undefined;
  const started = (execution.startDate ?? now).getTime();
  const lasted = Math.max(0, (execution.stopDate ?? now).getTime() - started);
  const seconds = secondsAt(clock, wallClockSpans(events, started, now.getTime()))(lasted);
  return {
    runId: run?.runId ?? execution.executionArn.split(':').pop() ?? '',
    executionArn: execution.executionArn,
    status: execution.status ?? 'UNKNOWN',
    scenario: run?.scenario,
    startDate: execution.startDate?.toISOString(),
    stopDate: execution.stopDate?.toISOString(),
    expiresAt: run?.expiresAt,
    seconds,
    error: execution.error,
    cause: execution.cause,
    failure: execution.error !== undefined && execution.status !== 'SUCCEEDED' ? runFailure(execution.error, execution.cause, events) : undefined,
    report: reported?.report,
    cost: run ? estimateCost(builtInventory(events), seconds) : undefined,
  };
}
