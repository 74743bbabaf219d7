import type { RunOutcome } from '../../cli/run-outcome';
import { type CliResult, printedJson } from './cli-runner';
import type { E2eLab } from './e2e-lab';

/** A run started with `vpce-lab start --keep`, which returned once the built lab began its hold. */
export interface HeldRun {
  readonly runId: string;
  readonly executionArn: string;
  /** What `start --keep` printed when it returned: the report, the run still RUNNING. */
  readonly outcome: RunOutcome;
  /** `vpce-lab status <run> --follow`: follows the run to its end. */
  finished(): Promise<{ result: CliResult; outcome: RunOutcome }>;
}

/** `vpce-lab start --keep`, which returns once the run holds its built lab. */
export async function holdRun(lab: E2eLab, scenario: string, ttl: string): Promise<HeldRun> {
  const { result, outcome } = await lab.start('--scenario', scenario, '--keep', '--ttl', ttl);
  if (result.code !== 0 || !(outcome as RunOutcome & { holding?: boolean }).holding) {
    throw new Error(`start --keep returned without a held run (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return {
    runId: outcome.runId,
    executionArn: outcome.executionArn,
    outcome,
    finished: async () => {
      const followed = await lab.cli('status', outcome.runId, '--follow');
      return { result: followed, outcome: printedJson<RunOutcome>(followed) };
    },
  };
}
