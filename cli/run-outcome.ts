import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { LabRun } from '../functions/lab/lab-run';
import type { LabReport } from '../functions/lab/verification/build-report';
import { type CostEstimate, estimateCost } from './cost/cost-estimate';
import { stateOutput } from './follow/execution-events';

/** What a finished (or running) run amounts to, for people and for `--json`. */
export interface RunOutcome {
  readonly runId: string;
  readonly executionArn: string;
  readonly status: string;
  readonly scenario?: string;
  readonly startDate?: string;
  readonly stopDate?: string;
  readonly error?: string;
  readonly cause?: string;
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

/** Reads the run, its report (the BuildReport step's output) and its cost from an execution and its history. */
export function runOutcome(execution: ExecutionFacts, events: readonly HistoryEvent[], now: Date): RunOutcome {
  const run = (execution.input ? (JSON.parse(execution.input) as { run?: LabRun }) : {}).run;
  const reported = stateOutput(events, 'BuildReport') as { report?: LabReport } | undefined;
  const started = execution.startDate ?? now;
  const stopped = execution.stopDate ?? now;
  return {
    runId: run?.runId ?? execution.executionArn.split(':').pop() ?? '',
    executionArn: execution.executionArn,
    status: execution.status ?? 'UNKNOWN',
    scenario: run?.scenario,
    startDate: execution.startDate?.toISOString(),
    stopDate: execution.stopDate?.toISOString(),
    error: execution.error,
    cause: execution.cause,
    report: reported?.report,
    cost: run ? estimateCost(run.scenario, Math.max(0, (stopped.getTime() - started.getTime()) / 1000)) : undefined,
  };
}
