import { logger } from '../../functions/commons/logger';
import { fixtureForTests } from '../support/fixture-for-tests';
import { eventually } from '../support/local-lab-fixture';
import { AcceptTarget, LAB_ACCOUNT } from './support/accept-target';
import { connectMessage, snsRecord } from './support/bad-notifications';

const DIRECT = 400;
const THROUGH_SNS = 100;
const RESHAPED = 100;
const NOTHING_AWAITS = /^nothing awaits acceptance/;

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

test(`${DIRECT} malformed, truncated, oversized, wrong-type and forged notifications that name none of the lab's services, handed to AcceptConnection: it never throws, logs each as ignored, and changes nothing`, async () => {
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

test(`${THROUGH_SNS} such notifications published on the topic reach AcceptConnection through SNS delivery: each is logged as ignored, no delivery fails, nothing changes`, async () => {
  const { accept } = target;
  const before = await accept.connections();

  accept.publishBadMessages('bad-notifications-sns', THROUGH_SNS);

  await eventually(() => ignoredLogs() === THROUGH_SNS, 10_000);
  expect(accept.lab.logs).toEqual([]);
  expect(error).not.toHaveBeenCalled();
  expect(accept.decisions()).toEqual([]);
  expect(await accept.connections()).toEqual(before);
});

test('an allow-listed owner is accepted once; the same notification replayed finds nothing awaiting acceptance and changes nothing', async () => {
  const { accept } = target;

  expect(await accept.deliver(connectEvent(accept.labPending))).toEqual([expect.objectContaining({ vpcEndpointId: accept.labPending.vpcEndpointId, decision: 'accept', owner: LAB_ACCOUNT })]);
  accept.lab.cloud.settle();
  const accepted = await accept.connections();
  const replays = await Promise.all(Array.from({ length: 5 }, () => accept.deliver(connectEvent(accept.labPending))));

  expect(replays.flat()).toEqual(Array.from({ length: 5 }, () => ({ ignored: expect.stringMatching(NOTHING_AWAITS) })));
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
  expect(await accept.deliver(connectEvent(pending))).toEqual([{ ignored: expect.stringMatching(NOTHING_AWAITS) }]);
  accept.lab.cloud.settle();
  const states = (await accept.connections())?.map((connection) => [connection.VpcEndpointId, String(connection.VpcEndpointState).toLowerCase()]);
  expect(states).toEqual(expect.arrayContaining([[pending.vpcEndpointId, 'rejected'], [accept.foreignPending.vpcEndpointId, 'pendingacceptance']]));
});

test(`${RESHAPED} reshaped or forged messages about the lab's service decide only what EC2 has awaiting acceptance there: with nothing pending, nothing; with one, that one alone`, async () => {
  const { accept } = target;
  const awaiting = (connections: Awaited<ReturnType<typeof accept.connections>>) =>
    (connections ?? []).filter((connection) => connection.ServiceId === accept.managed.serviceId && String(connection.VpcEndpointState).toLowerCase() === 'pendingacceptance');
  const before = await accept.connections();
  expect(awaiting(before)).toEqual([]);

  const outcome = await accept.reshapedEvents('reshaped-notifications', RESHAPED);

  expect(outcome.thrown).toEqual([]);
  expect(outcome.decided).toEqual([]);
  expect(ignoredLogs()).toBe(RESHAPED);
  expect(accept.decisions()).toEqual([]);
  expect(await accept.connections()).toEqual(before);

  const pending = await accept.pendingConnection();
  const forged = connectMessage(accept.labPending, { vpcEndpointId: accept.foreignPending.vpcEndpointId, vpcEndpointOwner: '111122223333', eventType: 'Delete' });
  expect(await accept.deliver({ Records: [snsRecord(JSON.stringify(forged))] })).toEqual([
    expect.objectContaining({ serviceId: accept.managed.serviceId, vpcEndpointId: pending.vpcEndpointId, owner: LAB_ACCOUNT, decision: 'accept' }),
  ]);
  accept.lab.cloud.settle();
  const states = (await accept.connections())?.map((connection) => [connection.VpcEndpointId, String(connection.VpcEndpointState).toLowerCase()]);
  expect(states).toEqual(expect.arrayContaining([[pending.vpcEndpointId, 'available'], [accept.foreignPending.vpcEndpointId, 'pendingacceptance']]));
  expect(error).not.toHaveBeenCalled();
});
