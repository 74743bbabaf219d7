import { STATE_FORMAT } from '../../local/cloud/state-database';
import { fixtureForTests } from '../support/fixture-for-tests';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { type CrashPoint, CrashedLocalCloud } from './support/crash-restart';

/** Early (the networks), midway (instances, endpoints, the NLB provisioning), late (the service endpoint, the checks). */
const POINTS: CrashPoint[] = [
  { share: 0.15, recovery: 'teardown' },
  { share: 0.5, recovery: 'cleanup' },
  { share: 0.85, recovery: 'teardown' },
];

/** One `vpce-lab local` process after another on one data directory; the last is stopped by the last test. */
const cloud = fixtureForTests(async () => ({ crashed: await CrashedLocalCloud.start() }), ({ crashed }) => crashed.stop());

test.each(POINTS)(
  'the local cloud killed (SIGKILL) after $share of a build’s AWS calls and restarted on its data directory: its state database opens, the run shows FAILED (States.Runtime), and vpce-lab $recovery removes all of it',
  async (point) => {
    const outcome = await cloud.crashed.crashAt(point);

    expect(outcome.killedAfter).toBeGreaterThan(0);
    expect(outcome.killedBy).toBe('SIGKILL');
    expect(outcome.start.code).toBe(1);
    expect(outcome.stateFile).toBe(STATE_FORMAT);
    expect(outcome.after).toEqual({ status: 'FAILED', error: 'States.Runtime' });
    expect(outcome.recovery.code).toBe(0);
    expect(outcome.leftovers).toEqual(NOTHING_LEFT);
  },
  60_000,
);

test('after every crash, the resources that are not the lab’s are untouched, and the last process stops cleanly on SIGTERM', async () => {
  expect(await cloud.crashed.finish()).toEqual({ touched: [], exit: { code: 0, signal: null } });
});
