import { fixtureForTests } from './fixture-for-tests';
import { type LocalCloudFixture, startLocalCloud } from './local-cloud-fixture';

/** Everything jest could fake except `Date`: servers, sockets and the SDK keep their real timers. */
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

export interface PacedLocalCloud extends LocalCloudFixture {
  /** Moves the cloud's clock on by this much AWS time and runs what became due. */
  awsTimePasses(seconds: number): void;
  stop(): Promise<void>;
}

/**
 * A local cloud at AWS's own pace (time scale 1) on a stopped wall clock:
 * time passes only when the test says so, so a test can stand between two of
 * AWS's steps (an instance still `pending`, one `terminated` but still
 * listed) that a zero time scale runs together before the next answer.
 */
export async function startPacedLocalCloud(): Promise<PacedLocalCloud> {
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now: Date.now() });
  const fixture = await startLocalCloud({ timeScale: 1 });
  return {
    ...fixture,
    awsTimePasses: (seconds) => {
      jest.setSystemTime(Date.now() + seconds * 1000);
      fixture.cloud.settle();
    },
    stop: async () => {
      await fixture.cloud.close();
      jest.useRealTimers();
    },
  };
}

/** One paced local cloud for the tests of a `describe` block, started before them and stopped after them. */
export const pacedLocalCloudForTests = (): PacedLocalCloud =>
  fixtureForTests(startPacedLocalCloud, (paced) => paced.stop());
