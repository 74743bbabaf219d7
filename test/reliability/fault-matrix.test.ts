import { fixtureForTests } from '../support/fixture-for-tests';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { functionTaskStates } from './support/asl-task-states';
import { type CleanRun, cleanRuns, type FaultRun, runWithFailureAt, statePlan } from './support/fault-runs';
import { type ForeignResources, seedForeignResources, settledForeign, touchedForeign } from './support/foreign-resources';
import { startTracedLab } from './support/traced-lab';

/**
 * The representative subset of the fault matrix: every Task state of
 * lab-run and of teardown fails once, at its first mutating AWS call (its
 * first call when it only reads). `npm run reliability` fails every
 * mutating call of every state. The states are read from the ASL files and
 * their calls from a clean run of each scenario, so a new state is covered
 * as it is added.
 */
const lab = fixtureForTests(startTracedLab, (traced) => traced.close());
let clean: CleanRun[];
let foreign: ForeignResources;
let foreignBefore: Map<string, unknown>;

beforeAll(async () => {
  foreign = await seedForeignResources(lab, 200);
  foreignBefore = await settledForeign(lab, foreign);
  clean = await cleanRuns(lab);
});

test('a clean run of each scenario succeeds and leaves nothing: the baseline the failures are injected into', async () => {
  for (const run of clean) {
    expect(run.outcome).toMatchObject({ status: 'SUCCEEDED', scenario: run.scenario, report: { passed: true } });
    expect(await lab.leftovers(run.outcome.runId)).toEqual(NOTHING_LEFT);
  }
});

/** The state ran in some scenario; when it called AWS, a failure at each point ended the run failed with the refusal as its cause. */
async function failEach(state: Parameters<typeof statePlan>[0], check: (run: FaultRun) => Promise<void>): Promise<void> {
  const { scenario, points } = statePlan(state, clean, 'first');
  expect(scenario).toBeDefined();
  for (const point of points) {
    const run = await runWithFailureAt(lab, point, scenario ?? 'full');

    expect(run.hits).toBe(1);
    expect(run.result.code).toBe(1);
    expect(run.outcome.status).toBe('FAILED');
    expect(run.outcome.cause).toContain(run.message);
    await check(run);
  }
}

// A state that calls no AWS API (BuildReport) has nothing to fail: it is only checked to have run.
describe('a failure of each Task state of lab-run fails the run with that error and cause, and nothing of the run remains', () => {
  test.each(functionTaskStates('lab-run'))('$name', (state) =>
    failEach(state, async (run) => {
      expect(run.outcome.error).toBe(run.code);
      expect(run.leftovers).toEqual(NOTHING_LEFT);
    }),
  );
});

describe('a failure in the nested teardown fails the run with that cause; vpce-lab teardown <run> then removes everything', () => {
  test.each(functionTaskStates('teardown'))('$name', (state) =>
    failEach(state, async (run) => {
      expect(run.outcome.error).toBe('States.TaskFailed');
      expect((await lab.cli('teardown', run.outcome.runId)).code).toBe(0);
      expect(await lab.leftovers(run.outcome.runId)).toEqual(NOTHING_LEFT);
    }),
  );
});

test('the resources that are not the lab’s (untagged, or another run’s) are all still there, unchanged', async () => {
  expect(touchedForeign(foreignBefore, await settledForeign(lab, foreign))).toEqual([]);
});
