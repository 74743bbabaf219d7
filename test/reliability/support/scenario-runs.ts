import { SCENARIOS, type Scenario } from '../../../functions/lab/lab-run';
import type { LocalLabOptions } from '../../../local/lab-runtime';
import { type E2eLab, startE2eLab } from '../../support/e2e-lab';
import { seedForeignResources, settledForeign, touchedForeign } from './foreign-resources';

/** How one scenario's run ended under a condition, and what it left: all that a reliability check compares. */
export interface ScenarioSummary {
  readonly scenario: Scenario;
  readonly code: number;
  readonly status: string;
  readonly error?: string;
  readonly cause?: string;
  readonly passed?: boolean;
  /** Resources of the run still there after it ended. */
  readonly leftovers: number;
  /** Foreign resources (untagged, or another run's) changed or gone. */
  readonly touched: string[];
  /** Calls the condition affected (throttled, answered NotFound), as the cloud's journal shows them. */
  readonly affected: number;
  /** The services (signing names) of those calls, so a check can tell each service met the condition. */
  readonly affectedServices: string[];
  readonly calls: number;
}

/** What every scenario's summary must be: passed, nothing left, nothing foreign touched. */
export const passedAndClean = (scenario: Scenario) => ({ scenario, code: 0, status: 'SUCCEEDED', error: undefined, cause: undefined, passed: true, leftovers: 0, touched: [] });

export interface Condition {
  readonly options?: (scenario: Scenario) => LocalLabOptions;
  /** Turns the condition on (faults) once the foreign resources are in place. */
  readonly apply: (lab: E2eLab) => void;
  /** The journal's calls the condition hit. */
  readonly affected: (errorCode: string | undefined) => boolean;
}

/**
 * One run of `scenario` on a cloud of its own under a condition: foreign
 * resources made first, the condition switched on, `vpce-lab start`, the
 * condition off, then what the run left and what it touched.
 */
export async function runUnder(condition: Condition, scenario: Scenario): Promise<ScenarioSummary> {
  const lab = await startE2eLab(condition.options?.(scenario));
  try {
    const foreign = await seedForeignResources(lab, 200);
    const before = await settledForeign(lab, foreign);
    lab.cloud.journal.clear();
    condition.apply(lab);
    const { result, outcome } = await lab.start('--scenario', scenario);
    const calls = lab.cloud.journal.list().filter((call) => call.service !== 'states');
    const affected = calls.filter((call) => condition.affected(call.errorCode));
    lab.cloud.runtime.faults.clear();
    const leftovers = Object.values(await lab.leftovers(outcome.runId)).flat().length;
    return {
      scenario,
      code: result.code,
      status: outcome.status,
      error: outcome.error,
      cause: outcome.cause,
      passed: outcome.report?.passed,
      leftovers,
      touched: touchedForeign(before, await settledForeign(lab, foreign)),
      affected: affected.length,
      affectedServices: [...new Set(affected.map((call) => call.service))].sort(),
      calls: calls.length,
    };
  } finally {
    await lab.lab.close();
  }
}

/**
 * Every scenario under the condition, side by side, each on its own cloud
 * (as each would be in an account of its own): the runs spend their time
 * waiting (back-off, AWS's clock), not on the CPU.
 */
export const everyScenarioUnder = (condition: Condition): Promise<ScenarioSummary[]> => Promise.all(SCENARIOS.map((scenario) => runUnder(condition, scenario)));

