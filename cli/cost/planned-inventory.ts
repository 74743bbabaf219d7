import type { Scenario } from '../../functions/lab/lab-run';
import { scenarioSteps } from '../../statemachine/critical-path';
import { BUILT_BY, type Inventory, NOTHING_BUILT } from './built-inventory';

/** What a run of `scenario` builds once it is complete: what each of its build states adds, as a run's history is counted. */
export function plannedInventory(scenario: Scenario): Inventory {
  const planned = { ...NOTHING_BUILT };
  for (const state of scenarioSteps(scenario, 'build').flatMap((step) => step.states)) {
    for (const [item, quantity] of Object.entries(BUILT_BY[state] ?? {}) as [keyof Inventory, number][]) planned[item] += quantity;
  }
  return planned;
}

/** `runs` times one run's inventory. */
export const timesRuns = (inventory: Inventory, runs: number): Inventory =>
  Object.fromEntries(Object.entries(inventory).map(([item, quantity]) => [item, quantity * runs])) as unknown as Inventory;
