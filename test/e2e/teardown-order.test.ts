import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

let lab: E2eLab;
beforeAll(async () => {
  lab = await startE2eLab();
});
afterAll(() => lab.lab.close());

/** Where each call of `action` falls in the cloud's record of calls, oldest first. */
const positions = (calls: readonly { action: string }[], action: string): number[] => calls.flatMap((call, index) => (call.action === action ? [index] : []));

/** Every call of `first` (failed attempts included) came before any call of `then`, and both happened. */
function allBefore(calls: readonly { action: string }[], first: string, then: string): void {
  const earlier = positions(calls, first);
  const later = positions(calls, then);
  expect({ first, then, happened: earlier.length > 0 && later.length > 0 }).toEqual({ first, then, happened: true });
  expect({ first, then, lastOfFirst: Math.max(...earlier) < Math.min(...later) }).toEqual({ first, then, lastOfFirst: true });
}

test('a full run is torn down in dependency order, as the local cloud recorded the calls: endpoints, endpoint service, NLB, instances, VPCs', async () => {
  lab.cloud.journal.clear();
  const { result, outcome } = await lab.start('--scenario', 'full');
  expect(result.code).toBe(0);

  const calls = lab.cloud.journal.list().filter((call) => /^(Delete|Terminate|Reject)/.test(call.action));
  allBefore(calls, 'DeleteVpcEndpoints', 'DeleteVpcEndpointServiceConfigurations');
  allBefore(calls, 'DeleteVpcEndpointConnectionNotifications', 'DeleteVpcEndpointServiceConfigurations');
  allBefore(calls, 'DeleteVpcEndpointServiceConfigurations', 'DeleteLoadBalancer');
  allBefore(calls, 'DeleteLoadBalancer', 'DeleteTargetGroup');
  allBefore(calls, 'DeleteLoadBalancer', 'DeleteVpc');
  allBefore(calls, 'TerminateInstances', 'DeleteSubnet');
  allBefore(calls, 'TerminateInstances', 'DeleteVpc');
  // Both VPCs (consumer and provider) went, each at its first attempt: nothing was left in them.
  expect(calls.filter((call) => call.action === 'DeleteVpc')).toEqual([expect.objectContaining({ status: 200 }), expect.objectContaining({ status: 200 })]);
  expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
});
