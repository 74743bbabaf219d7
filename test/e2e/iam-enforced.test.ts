import { readFileSync } from 'node:fs';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { LAB_POLICIES_PATH } from '../../local/iam/lab-identities';
import type { LabPolicies } from '../../local/iam/lab-policies-format';
import { startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

const committed = (): LabPolicies => JSON.parse(readFileSync(LAB_POLICIES_PATH, 'utf8')) as LabPolicies;

test('in a full run every AWS call of a lab step is made as its own role and allowed by the policies the stack deploys', async () => {
  const lab = await startE2eLab();
  try {
    const { result, outcome } = await lab.start('--scenario', 'full');
    expect({ code: result.code, status: outcome.status }).toEqual({ code: 0, status: 'SUCCEEDED' });
    const calls = lab.cloud.journal.list().filter((entry) => entry.caller !== undefined);
    const sessions = new Set(calls.map((entry) => entry.caller?.split('/').pop()));
    // Each function that calls AWS did so as its role: BuildReport alone makes no call.
    expect([...sessions].sort()).toEqual(LAB_FUNCTIONS.map((fn) => `vpce-lab-${fn.id}`).filter((name) => name !== 'vpce-lab-BuildReport' && name !== 'vpce-lab-DiscoverExpiredRuns').sort());
    expect(calls.filter((entry) => entry.errorCode === 'UnauthorizedOperation' || entry.errorCode?.startsWith('AccessDenied'))).toEqual([]);
  } finally {
    await lab.lab.close();
  }
});

test('taking one statement away fails the run at that call, naming the action: CreateLoadBalancer without the EC2 reads ELB makes as the caller', async () => {
  const policies = committed();
  const role = policies.functions['vpce-lab-CreateLoadBalancer'];
  const statements = role?.statements.map((statement) => ({ ...statement, Action: [statement.Action].flat().filter((action) => action !== 'ec2:DescribeInternetGateways') }));
  expect(JSON.stringify(statements)).not.toEqual(JSON.stringify(role?.statements));
  const lab = await startE2eLab({ iamPolicies: { ...policies, functions: { ...policies.functions, 'vpce-lab-CreateLoadBalancer': { role: role?.role ?? '', statements: statements ?? [] } } } });
  try {
    const { result, outcome } = await lab.start('--scenario', 'service');
    expect(result.code).not.toBe(0);
    expect(outcome.status).toBe('FAILED');
    expect(JSON.stringify(outcome)).toContain('not authorized to perform: ec2:DescribeInternetGateways');
    // The teardown after failure runs as the teardown steps' roles, which still hold: nothing of the run remains.
    expect(await lab.leftovers(outcome.runId)).toEqual(NOTHING_LEFT);
  } finally {
    await lab.lab.close();
  }
});
