import { fixtureForTests } from '../support/fixture-for-tests';
import { HostileTarget } from './support/hostile-target';

const REQUESTS = 3000;
const RAW = 40;

const target = fixtureForTests(async () => ({ cloud: await HostileTarget.start() }), async ({ cloud }) => void (await cloud.stop()));

test(`${REQUESTS} random and malformed requests (bad query strings and JSON, wrong types, unknown actions, refused calls, stray headers, odd methods, oversized bodies) are each answered 4xx in the protocol's own error form; the process stays up and its state is unchanged`, async () => {
  const before = await target.cloud.settledState();

  const { sent, problems } = await target.cloud.hostile('hostile-input', REQUESTS);

  expect(problems.slice(0, 10)).toEqual([]);
  expect(sent).toBe(REQUESTS);
  expect(await target.cloud.stillServing()).toBe(true);
  expect(target.cloud.stateDocument()).toEqual(before);
}, 60_000);

test(`${RAW} streams of bytes that are not HTTP get an HTTP 400 or a closed connection; the process stays up and its state is unchanged`, async () => {
  const before = await target.cloud.settledState();

  const { sent, problems } = await target.cloud.garbage('raw-bytes', RAW);

  expect(problems).toEqual([]);
  expect(sent).toBe(RAW);
  expect(await target.cloud.stillServing()).toBe(true);
  expect(target.cloud.stateDocument()).toEqual(before);
});

test('the server then stops cleanly on SIGTERM', async () => {
  expect(await target.cloud.stop()).toEqual({ code: 0, signal: null });
});
