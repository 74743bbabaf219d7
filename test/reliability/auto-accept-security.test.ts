import { logger } from '../../functions/commons/logger';
import { fixtureForTests } from '../support/fixture-for-tests';
import { eventually } from '../support/local-lab-fixture';
import { AcceptTarget, LAB_ACCOUNT } from './support/accept-target';
import { connectMessage, snsRecord } from './support/bad-notifications';

const DIRECT = 400;
const THROUGH_SNS = 100;

const target = fixtureForTests(async () => ({ accept: await AcceptTarget.start() }), ({ accept }) => accept.lab.lab.close());

let info: jest.SpyInstance;
let warn: jest.SpyInstance;
let error: jest.SpyInstance;
beforeEach(() => {
  info = jest.spyOn(logger, 'info');
  warn = jest.spyOn(logger, 'warn');
  error = jest.spyOn(logger, 'error');
  process.env.ACCEPT_ALLOWED_OWNERS = LAB_ACCOUNT;
  target.accept.lab.cloud.journal.clear();
});
afterEach(() => jest.restoreAllMocks());

const ignoredLogs = (): number => [...info.mock.calls, ...warn.mock.calls].filter(([text]) => text === 'connection notification ignored').length;
const connectEvent = (pending: Parameters<typeof connectMessage>[0]) => ({ Records: [snsRecord(JSON.stringify(connectMessage(pending)))] });

test(`${DIRECT} malformed, truncated, oversized, wrong-type, forged and not-Connect notifications handed to AcceptConnection: it never throws, logs each as ignored, and changes nothing`, async () => {
  const { accept } = target;
  const before = await accept.connections();

  const outcome = await accept.badEvents('bad-notifications', DIRECT);

  expect(outcome.thrown).toEqual([]);
  expect(outcome.decided).toEqual([]);
  expect(ignoredLogs()).toBe(outcome.records);
  expect(error).not.toHaveBeenCalled();
  expect(accept.decisions()).toEqual([]);
  expect(await accept.connections()).toEqual(before);
});

test(`${THROUGH_SNS} bad notifications published on the topic reach AcceptConnection through SNS delivery: each is logged as ignored, no delivery fails, nothing changes`, async () => {
  const { accept } = target;
  const before = await accept.connections();

  accept.publishBadMessages('bad-notifications-sns', THROUGH_SNS);

  await eventually(() => ignoredLogs() === THROUGH_SNS, 10_000);
  expect(accept.lab.logs).toEqual([]);
  expect(error).not.toHaveBeenCalled();
  expect(accept.decisions()).toEqual([]);
  expect(await accept.connections()).toEqual(before);
});

test('an allow-listed owner is accepted once; the same notification replayed is logged as already decided and changes nothing', async () => {
  const { accept } = target;

  expect(await accept.deliver(connectEvent(accept.labPending))).toEqual([expect.objectContaining({ vpcEndpointId: accept.labPending.vpcEndpointId, decision: 'accept', owner: LAB_ACCOUNT })]);
  accept.lab.cloud.settle();
  const accepted = await accept.connections();
  const replays = await Promise.all(Array.from({ length: 5 }, () => accept.deliver(connectEvent(accept.labPending))));

  expect(replays.flat()).toEqual(Array.from({ length: 5 }, () => expect.objectContaining({ ignored: expect.stringMatching(/^already decided/) })));
  expect(accept.decisions()).toHaveLength(1);
  expect(await accept.connections()).toEqual(accepted);
});

test('an owner not on the allow-list is rejected with the reason logged; replayed later with the owner allowed, it stays rejected', async () => {
  const { accept } = target;
  const pending = await accept.pendingConnection();
  process.env.ACCEPT_ALLOWED_OWNERS = '111122223333';

  expect(await accept.deliver(connectEvent(pending))).toEqual([expect.objectContaining({ vpcEndpointId: pending.vpcEndpointId, decision: 'reject' })]);
  expect(info.mock.calls.filter(([text]) => text === 'connection rejected').map(([, details]) => details as unknown)).toEqual([
    expect.objectContaining({ owner: LAB_ACCOUNT, reason: `endpoint owner ${LAB_ACCOUNT} is not in the allow-list (111122223333)` }),
  ]);
  process.env.ACCEPT_ALLOWED_OWNERS = LAB_ACCOUNT;
  expect(await accept.deliver(connectEvent(pending))).toEqual([expect.objectContaining({ ignored: expect.stringMatching(/^already decided/) })]);
  accept.lab.cloud.settle();
  const states = (await accept.connections())?.map((connection) => [connection.VpcEndpointId, String(connection.VpcEndpointState).toLowerCase()]);
  expect(states).toEqual(expect.arrayContaining([[pending.vpcEndpointId, 'rejected'], [accept.foreignPending.vpcEndpointId, 'pendingacceptance']]));
});
