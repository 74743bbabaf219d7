import { logger } from '../../functions/commons/logger';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { eventually } from '../support/local-lab-fixture';
import { NOTHING_LEFT } from '../support/run-leftovers';

const LAB_ACCOUNT = '000000000000';
/** Longer than any test runs: the workflow's own fallback cannot decide a connection within it. */
const AN_HOUR = 3600;
const WORKFLOW_DECIDES = 'grace period over: the workflow decides the connection itself';

let info: jest.SpyInstance;
let warn: jest.SpyInstance;
let error: jest.SpyInstance;
beforeEach(() => {
  info = jest.spyOn(logger, 'info');
  warn = jest.spyOn(logger, 'warn');
  error = jest.spyOn(logger, 'error');
});
afterEach(() => jest.restoreAllMocks());

const logged = (spy: jest.SpyInstance, message: string): unknown[] => spy.mock.calls.filter(([text]) => text === message).map(([, details]) => details as unknown);

describe('with the lab account allow-listed', () => {
  let lab: E2eLab;
  beforeAll(async () => {
    lab = await startE2eLab({ acceptGraceSeconds: AN_HOUR });
  });
  afterAll(() => lab.lab.close());

  test("the SNS-driven AcceptConnection accepts the endpoint's connection: the workflow, given an hour's grace, never has to", async () => {
    const { result, outcome } = await lab.start('--scenario', 'service');

    expect(result.code).toBe(0);
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', report: { passed: true } });
    expect(logged(info, 'connection accepted')).toEqual([
      expect.objectContaining({ owner: LAB_ACCOUNT, decision: 'accept', reason: `endpoint owner ${LAB_ACCOUNT} is allow-listed` }),
    ]);
    expect(logged(info, WORKFLOW_DECIDES)).toEqual([]);
    // The first notification is logged as it came; the Accept and Delete that follow find nothing to decide.
    expect(logged(info, 'connection notification as received')).toEqual([expect.objectContaining({ message: expect.stringContaining('"subscriberArn"') })]);
    expect(lab.logs).toEqual([]);
  });

  test('a malformed notification delivered through the cloud is logged and ignored: no call to AWS, no failed delivery', async () => {
    lab.cloud.journal.clear();
    const publish = (message: string) => lab.cloud.runtime.events.emit('connection-notification', { topicArn: lab.lab.connectionTopicArn, message });
    publish('{"subscriberArn": "arn:aws:ec2:ap-northeast-2:000000000000:vpc-endpoint-service/vpce-svc-0123');
    publish(JSON.stringify({ subscriberArn: 'arn:aws:ec2:ap-northeast-2:000000000000:vpc-endpoint/vpce-0123456789abcdef0', vpcEndpointState: 'pendingAcceptance' }));

    await eventually(() => logged(warn, 'connection notification ignored').length === 2);
    expect(logged(warn, 'connection notification ignored')).toEqual([
      expect.objectContaining({ reason: 'message is not JSON (malformed or truncated)' }),
      expect.objectContaining({ reason: 'subscriber "arn:aws:ec2:ap-northeast-2:000000000000:vpc-endpoint/vpce-0123456789abcdef0" is not an endpoint service' }),
    ]);
    expect(lab.cloud.journal.list()).toEqual([]);
    expect(lab.logs).toEqual([]);
    expect(error).not.toHaveBeenCalled();
  });
});

test('an endpoint owner not on the allow-list is rejected with the reason logged; the run fails saying so and leaves nothing', async () => {
  const lab = await startE2eLab({ allowedOwners: ['111111111111'], acceptGraceSeconds: AN_HOUR });
  try {
    const { result, outcome } = await lab.start('--scenario', 'service');

    expect(result.code).toBe(1);
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'LabStepFailed' });
    expect(outcome.cause).toMatch(/the connection from vpce-[0-9a-f]+ \(owner 000000000000\) was rejected; see the accept-connection log for the reason/);
    expect(logged(info, 'connection rejected')).toEqual([
      expect.objectContaining({ owner: LAB_ACCOUNT, decision: 'reject', reason: `endpoint owner ${LAB_ACCOUNT} is not in the allow-list (111111111111)` }),
    ]);
    expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
  } finally {
    await lab.lab.close();
  }
});

test('the notification and the workflow deciding at the same moment is not an error: the connection is accepted, the run passes', async () => {
  // No grace: the workflow applies the policy at its first look, while SNS delivers the same Connect to
  // AcceptConnection. Both then look at the same pending connection within milliseconds (the handler may find it
  // already accepted, or both call AcceptVpcEndpointConnections; the order is the event loop's): nothing fails.
  const lab = await startE2eLab({ acceptGraceSeconds: 0 });
  try {
    const { result, outcome } = await lab.start('--scenario', 'service');

    expect(result.code).toBe(0);
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', report: { passed: true } });
    const accepts = lab.cloud.journal.list().filter((call) => call.action === 'AcceptVpcEndpointConnections');
    expect(accepts.length).toBeGreaterThan(0);
    expect(accepts.filter((call) => call.status !== 200)).toEqual([]);
    // Whichever way it falls, the handler accepted the connection at most once, and what it found decided it ignored.
    expect(logged(info, 'connection accepted').length).toBeLessThanOrEqual(1);
    expect(logged(info, 'connection notification ignored')).not.toContainEqual(expect.objectContaining({ reason: expect.not.stringMatching(/^nothing awaits acceptance/) }));
    expect(logged(info, 'connection rejected')).toEqual([]);
    expect(error).not.toHaveBeenCalled();
    expect(lab.logs).toEqual([]);
    expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
  } finally {
    await lab.lab.close();
  }
});
