import type { RunOutcome } from '../../cli/run-outcome';
import { type CliResult, printedJson } from './cli-runner';
import type { E2eLab } from './e2e-lab';
import { eventually } from './local-lab-fixture';

/** A run started with `vpce-lab start --keep` that is holding its built lab. */
export interface HeldRun {
  readonly runId: string;
  readonly executionArn: string;
  /** The `vpce-lab start` command, still following its run. */
  readonly command: Promise<{ result: CliResult; outcome: RunOutcome }>;
}

const runningRunIds = async (lab: E2eLab): Promise<string[]> =>
  printedJson<{ runs: { runId: string; status: string }[] }>(await lab.cli('list')).runs.filter((run) => run.status === 'RUNNING').map((run) => run.runId);

/** `vpce-lab start --keep`, followed until `vpce-lab status` shows the run holding the built lab. */
export async function holdRun(lab: E2eLab, scenario: string, ttl: string): Promise<HeldRun> {
  const before = await runningRunIds(lab);
  const command = lab.start('--scenario', scenario, '--keep', '--ttl', ttl);
  let runId = '';
  await eventually(async () => {
    runId = (await runningRunIds(lab)).find((id) => !before.includes(id)) ?? '';
    return runId !== '';
  }, 10_000);
  let status: { executionArn: string; currentSteps: string[] } = { executionArn: '', currentSteps: [] };
  await eventually(async () => {
    status = printedJson(await lab.cli('status', runId));
    return status.currentSteps.includes('HoldUntilExpiry');
  }, 20_000);
  return { runId, executionArn: status.executionArn, command };
}
