import type { RunOutcome } from '../../cli/run-outcome';
import type { GuidedStop } from '../../functions/lab/guided/guided-stops';
import { type CliResult, printedJson } from './cli-runner';
import type { E2eLab } from './e2e-lab';

/** What `start --guided` and `next` print (--json) when the run pauses for its student. */
interface PausedJson {
  readonly runId: string;
  readonly paused?: GuidedStop;
}

/** The most pauses a guided run makes: one before each lesson, one before the report. */
const MOST_PAUSES = 4;

/**
 * A guided run driven by a student who continues at every pause at once:
 * `vpce-lab start --guided <args>`, then `vpce-lab next` while the run
 * pauses. Returns the last command's result and the outcome it printed,
 * and the pauses the run made in order; a run that pauses more often than
 * a guided run can is a failure of the test, not a loop.
 */
export async function continuedGuidedRun(lab: E2eLab, ...args: string[]): Promise<{ result: CliResult; outcome: RunOutcome; pauses: GuidedStop[] }> {
  let result = await lab.cli('start', '--guided', ...args);
  const pauses: GuidedStop[] = [];
  for (;;) {
    const printed = printedJson<PausedJson & RunOutcome>(result);
    if (result.code !== 0 || printed.paused === undefined) return { result, outcome: printed, pauses };
    pauses.push(printed.paused);
    if (pauses.length > MOST_PAUSES) throw new Error(`run ${printed.runId} paused ${pauses.length} times: ${pauses.join(', ')}`);
    result = await lab.cli('next', printed.runId);
  }
}
