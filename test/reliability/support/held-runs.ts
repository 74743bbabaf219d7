import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { ttlFloor } from '../../../cli/run-request';
import type { Scenario } from '../../../functions/lab/lab-run';
import { printedJson } from '../../support/cli-runner';
import { continuedGuidedRun } from '../../support/guided-runs';
import type { RunLeftovers } from '../../support/run-leftovers';
import { functionTaskStates } from './asl-task-states';
import { handlerRuns, invocationRepeats, invokedCallers } from './caller-context';
import { runInventory } from './run-inventory';
import type { TracedLab } from './traced-lab';

/** A run started with `--keep`, holding its built lab. */
interface HeldRun {
  readonly runId: string;
  readonly executionArn: string;
}

/** `vpce-lab start --keep` (guided: continued at each pause), which returns once the built lab holds; `vpce-lab status` must show it in its hold. */
async function heldRun(lab: TracedLab, scenario: string, guided: boolean): Promise<HeldRun> {
  const args = ['--scenario', scenario, '--keep', '--ttl', ttlFloor(scenario as Scenario).text];
  const { outcome } = guided ? await continuedGuidedRun(lab, ...args) : await lab.start(...args);
  const status = printedJson<{ runId: string; executionArn: string; currentSteps: string[] }>(await lab.cli('status', outcome.runId));
  if (!status.currentSteps.includes('HoldUntilExpiry')) throw new Error(`start --keep returned, but ${outcome.runId} is at ${status.currentSteps.join(', ') || 'no step'}, not holding`);
  return { runId: status.runId, executionArn: status.executionArn };
}

/** Stops a held run (a student ending the lab early), follows it to its end, and removes it with `vpce-lab teardown`: that command's exit code. */
async function tearDown(lab: TracedLab, run: HeldRun): Promise<number> {
  await lab.sfn.send(new StopExecutionCommand({ executionArn: run.executionArn }));
  await lab.cli('status', run.runId, '--follow');
  return (await lab.cli('teardown', run.runId)).code;
}

/** What running every handler twice came to for one scenario, beside running each once. */
export interface DoubledRun {
  /** Resources by kind and logical name, built with each handler run once, then twice. */
  readonly once: Record<string, number>;
  readonly twice: Record<string, number>;
  /** Exit codes of `vpce-lab teardown` (each teardown step run twice), then of the same again. */
  readonly teardowns: [number, number];
  readonly leftovers: RunLeftovers;
  /** The Task states of lab-run and teardown whose handler ran twice for one invocation. */
  readonly ranTwice: string[];
}

/** Every Task state on a function, of lab-run and of the teardown it nests. */
export const TASK_STATES = (): string[] => [...functionTaskStates('lab-run'), ...functionTaskStates('teardown')].map((state) => state.name);

const timesSince = (callers: readonly string[], mark: number, state: string): number => callers.slice(mark).filter((caller) => caller === state).length;

/**
 * A scenario (guided or straight through) built and held once as it is, counted by tags and torn down;
 * then again with every Lambda invocation running its handler twice on the
 * same input (as when Step Functions retries after a lost answer), counted,
 * torn down with every teardown step run twice too, and torn down again.
 */
export async function doubledRun(lab: TracedLab, scenario: string, guided: boolean): Promise<DoubledRun> {
  const single = await heldRun(lab, scenario, guided);
  const once = await runInventory(lab, single.runId);
  await tearDown(lab, single);
  invocationRepeats.times = 2;
  try {
    const [invokedMark, ranMark] = [invokedCallers.length, handlerRuns.length];
    const doubled = await heldRun(lab, scenario, guided);
    const twice = await runInventory(lab, doubled.runId);
    const first = await tearDown(lab, doubled);
    const again = (await lab.cli('teardown', doubled.runId)).code;
    // A handler's last invocation of a state succeeded, so it ran a second time: more runs than invocations.
    const ranTwice = TASK_STATES().filter((state) => timesSince(handlerRuns, ranMark, state) > timesSince(invokedCallers, invokedMark, state));
    return { once, twice, teardowns: [first, again], leftovers: await lab.leftovers(doubled.runId), ranTwice };
  } finally {
    invocationRepeats.times = 1;
  }
}

