import { join } from 'node:path';
import { localAcceptGrace } from '../../cli/connection/connect';
import type { RunOutcome } from '../../cli/run-outcome';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import type { LocalLabOptions } from '../../local/lab-runtime';
import { type CliResult, printedJson, vpceLab } from './cli-runner';
import { startLab } from './local-lab-fixture';
import { runLeftovers } from './run-leftovers';

const STATE_MACHINE_DIR = join(__dirname, '../../statemachine');

/**
 * The whole product on a local cloud the test holds: the lab's own functions
 * and state machines at time scale 0, wired as `vpce-lab start --local` wires
 * them (same acceptance grace), so the test can seed and inspect the cloud
 * while the command talks to it through `--endpoint`.
 */
export async function startE2eLab(options: LocalLabOptions = {}) {
  const local = await startLab({ functions: LAB_FUNCTIONS, stateMachineDir: STATE_MACHINE_DIR, acceptGraceSeconds: localAcceptGrace(0), ...options });
  const at = ['--endpoint', local.cloud.endpoint, '--json'];
  return {
    ...local,
    /** `vpce-lab <args> --endpoint <this cloud> --json`. */
    cli: (...args: string[]): Promise<CliResult> => vpceLab(...args, ...at),
    /** `vpce-lab start <args>` here, and how the run ended. */
    async start(...args: string[]): Promise<{ result: CliResult; outcome: RunOutcome }> {
      const result = await vpceLab('start', ...args, ...at);
      return { result, outcome: printedJson<RunOutcome>(result) };
    },
    leftovers: (runId: string) => runLeftovers(local, runId),
  };
}

export type E2eLab = Awaited<ReturnType<typeof startE2eLab>>;
