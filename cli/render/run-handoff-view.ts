import type { LabConnection } from '../connection/lab-connection';
import type { RunResource } from '../resources/run-resource';
import { renderHeldRun } from './held-run-view';
import type { RunOutcome } from '../run-outcome';

/** Where a run goes on once the command stops following it, for people. */
const whereItGoesOn = (connection: LabConnection): string =>
  connection.server ? `the local cloud (pid ${connection.server.pid}, ${connection.server.endpoint})` : connection.description;

/**
 * After Ctrl+C: the command let go, the run did not. Says where it goes on,
 * how to follow it again and how to end it now; for a cloud in memory, that
 * it ends with the command.
 */
export function describeDetached(runId: string, connection: LabConnection): string {
  if (!connection.runsOutlive) return `\nStopped. The local cloud in memory ended with this command, and run ${runId} with it: nothing of it remains.\n`;
  return [
    '',
    `Stopped following run ${runId}. It goes on in ${whereItGoesOn(connection)} and tears itself down when it is done, as on AWS.`,
    `  follow it again:  vpce-lab status ${runId} --follow`,
    `  tear it down now: vpce-lab teardown ${runId}`,
    '',
  ].join('\n');
}

/** `start --keep` once the lab is built and verified: what `status` shows of a held run (expiry, resources, report, cost so far), and where it holds. */
export function describeHeld(outcome: RunOutcome, resources: readonly RunResource[], connection: LabConnection, now: Date): string {
  return ['', renderHeldRun(outcome, resources, now).trimEnd(), '', `It holds in ${whereItGoesOn(connection)}; see it again with vpce-lab status ${outcome.runId}.`, ''].join('\n');
}

/** After Ctrl+C of `start --runs N`: the batch's runs go on; how to see them and end them all. */
export function describeBatchDetached(batchId: string, started: number, planned: number, connection: LabConnection): string {
  const which = started === planned ? `its ${started} runs` : `the ${started} of its ${planned} runs started so far (the others were not started)`;
  if (!connection.runsOutlive) return `\nStopped. The local cloud in memory ended with this command, and batch ${batchId} with it: nothing of it remains.\n`;
  return [
    '',
    `Stopped following batch ${batchId}: ${which} go on in ${whereItGoesOn(connection)} and tear themselves down when done, as on AWS.`,
    `  see them:             vpce-lab list --batch ${batchId}`,
    `  tear them all down:   vpce-lab cleanup --batch ${batchId}`,
    '',
  ].join('\n');
}
