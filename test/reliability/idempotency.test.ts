import { SCENARIOS } from '../../functions/lab/lab-run';
import { fixtureForTests } from '../support/fixture-for-tests';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { type ForeignResources, seedForeignResources, settledForeign, touchedForeign } from './support/foreign-resources';
import { doubledRun, TASK_STATES } from './support/held-runs';
import { startTracedLab } from './support/traced-lab';

const lab = fixtureForTests(startTracedLab, (traced) => traced.close());
/** The states whose handler ran twice for one invocation, in any scenario. */
const ranTwice = new Set<string>();
let foreign: ForeignResources;
let foreignBefore: Map<string, unknown>;

beforeAll(async () => {
  foreign = await seedForeignResources(lab, 200);
  foreignBefore = await settledForeign(lab, foreign);
});

const RUNS = [false, true].flatMap((guided) => SCENARIOS.map((scenario) => [`${guided ? 'guided ' : ''}${scenario}`, scenario, guided] as const));

test.each(RUNS)(
  '%s: every Task handler run twice on its input (as after a lost answer) builds what running it once builds, counted by tags; every teardown step run twice removes it all, and again',
  async (_name, scenario, guided) => {
    const run = await doubledRun(lab, scenario, guided);
    for (const state of run.ranTwice) ranTwice.add(state);

    expect(Object.keys(run.once).length).toBeGreaterThan(5);
    expect(run.twice).toEqual(run.once);
    expect(run.teardowns).toEqual([0, 0]);
    expect(run.leftovers).toEqual(NOTHING_LEFT);
  },
);

test('every Task state of lab-run and of teardown had its handler run twice in one of the scenarios', () => {
  expect(TASK_STATES().filter((state) => !ranTwice.has(state))).toEqual([]);
});

test('the resources that are not the lab’s (untagged, or another run’s) are all still there, unchanged', async () => {
  expect(touchedForeign(foreignBefore, await settledForeign(lab, foreign))).toEqual([]);
});
