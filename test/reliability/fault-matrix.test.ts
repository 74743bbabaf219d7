import { fixtureForTests } from '../support/fixture-for-tests';
import { functionTaskStates } from './support/asl-task-states';
import { type CleanRun, cleanRunProblems, cleanRuns, failAt, MATRIX_MACHINES, matrixPlan, type StatePlan } from './support/fault-runs';
import { type ForeignResources, seedForeignResources, settledForeign, touchedForeign } from './support/foreign-resources';
import { startTracedLab } from './support/traced-lab';

/**
 * The representative subset of the fault matrix: every Task state of
 * lab-run and of teardown fails once, at its first mutating AWS call (its
 * first call when it only reads). `npm run reliability` fails every
 * mutating call of every state. The states are read from the ASL files,
 * what each handler calls from its bundled code, and where each call falls
 * from a clean run of each scenario, so a new state is covered as it is
 * added and a state whose calls went unseen fails by name.
 */
const lab = fixtureForTests(startTracedLab, (traced) => traced.close());
let clean: CleanRun[];
let plans: StatePlan[];
let foreign: ForeignResources;
let foreignBefore: Map<string, unknown>;

beforeAll(async () => {
  foreign = await seedForeignResources(lab, 200);
  foreignBefore = await settledForeign(lab, foreign);
  clean = await cleanRuns(lab);
  plans = matrixPlan(clean, 'first');
});

test('a clean run of each scenario succeeds and leaves nothing: the baseline the failures are injected into', () => {
  expect(clean.length).toBeGreaterThan(0);
  expect(clean.flatMap(cleanRunProblems)).toEqual([]);
});

test('the plan fails one call of every Task state whose handler calls AWS, and has nothing else to try', () => {
  const calling = plans.filter((plan) => plan.sdkCalls.length > 0);
  expect(calling.length).toBeGreaterThan(20);
  expect(plans.flatMap((plan) => plan.points)).toHaveLength(calling.length);
});

/** The state ran in some scenario; when its handler calls AWS, the plan has a point in it, and a failure there held every check. */
async function failEach(name: string): Promise<void> {
  const plan = plans.find((candidate) => candidate.state.name === name);
  expect(plan?.problems).toEqual([]);
  if (!plan) return;
  expect(plan.points.length > 0).toBe(plan.sdkCalls.length > 0);
  for (const point of plan.points) expect((await failAt(lab, plan, point)).problems).toEqual([]);
}

const DESCRIPTIONS: Record<(typeof MATRIX_MACHINES)[number], string> = {
  'lab-run': 'a failure of each Task state of lab-run fails the run with that error and cause, and nothing of the run remains',
  teardown: 'a failure in the nested teardown fails the run with that cause; vpce-lab teardown <run> then removes everything',
};

// A state whose handler calls no AWS API (BuildReport) has nothing to fail: it is only checked to have run.
describe.each(MATRIX_MACHINES)('%s', (machine) => {
  describe(DESCRIPTIONS[machine], () => {
    test.each(functionTaskStates(machine).map((state) => state.name))('%s', failEach);
  });
});

test('the resources that are not the lab’s (untagged, or another run’s) are all still there, unchanged', async () => {
  expect(touchedForeign(foreignBefore, await settledForeign(lab, foreign))).toEqual([]);
});
