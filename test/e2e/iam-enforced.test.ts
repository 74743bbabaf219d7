import { readFileSync } from 'node:fs';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import type { AuthorizationRequest } from '../../local/iam/authorization-request';
import { IamAuthorizer } from '../../local/iam/iam-authorizer';
import { LAB_POLICIES_PATH } from '../../local/iam/lab-identities';
import type { Principal } from '../../local/iam/principal';
import type { LabPolicies, PolicyStatementJson } from '../../contract/lab-policies-format';
import { startE2eLab } from '../support/e2e-lab';
import { continuedGuidedRun } from '../support/guided-runs';
import { NOTHING_LEFT } from '../support/run-leftovers';
import { VPCE_SERVICE_NAME_KEY, VPCE_SERVICE_OWNER_KEY } from '../../functions/commons/endpoint-condition-keys';

const committed = (): LabPolicies => JSON.parse(readFileSync(LAB_POLICIES_PATH, 'utf8')) as LabPolicies;

/** One call as IAM saw it: who asked, for which authorizations, by which authorizer. */
interface Authorized {
  readonly authorizer: IamAuthorizer;
  readonly principal: Principal;
  readonly requests: readonly AuthorizationRequest[];
}

const READ = /^[a-z0-9-]+:(Describe|Get|List)/;
const TAG_KEYS = /^(aws:ResourceTag\/|aws:RequestTag\/|aws:TagKeys$|[a-z0-9-]+:ResourceTag\/)/;

/** The same requests on resources that carry no tag and with no tag asked for: what a call on something outside the lab is. */
const untagged = (requests: readonly AuthorizationRequest[]): AuthorizationRequest[] =>
  requests.map((request) => ({ ...request, context: Object.fromEntries(Object.entries(request.context).filter(([key]) => !TAG_KEYS.test(key))) }));

/** The same requests, the endpoint connecting to another service than the step's own. */
const toService = (requests: readonly AuthorizationRequest[], name: string, owner: string): AuthorizationRequest[] =>
  requests.map((request) => (request.context[VPCE_SERVICE_NAME_KEY] === undefined ? request : { ...request, context: { ...request.context, [VPCE_SERVICE_NAME_KEY]: name, [VPCE_SERVICE_OWNER_KEY]: owner } }));

const refusedAs = (call: Authorized, requests: readonly AuthorizationRequest[]): boolean => call.authorizer.firstRefusal(call.principal, requests) !== undefined;
const named = (call: Authorized): string => `${call.principal.arn.split('/').pop()} ${call.requests[0]?.action}`;

const FOREIGN_SERVICES = (region: string) => [
  { name: `com.amazonaws.${region}.sqs`, owner: 'amazon' },
  { name: `com.amazonaws.vpce.${region}.vpce-svc-0123456789abcdef0`, owner: '111122223333' },
];

/** The calls IAM decides during `body`, by the authorizer that decided them. */
async function watchingIam<T>(body: () => Promise<T>): Promise<{ result: T; seen: Authorized[] }> {
  const seen: Authorized[] = [];
  const decide = IamAuthorizer.prototype.firstRefusal;
  const watch = jest.spyOn(IamAuthorizer.prototype, 'firstRefusal').mockImplementation(function (this: IamAuthorizer, principal, requests) {
    seen.push({ authorizer: this, principal, requests });
    return decide.call(this, principal, requests);
  });
  try {
    return { result: await body(), seen };
  } finally {
    watch.mockRestore();
  }
}

/**
 * The changes a run made that IAM would still allow outside the lab: asked
 * again on resources without the lab's tags, or, for an endpoint, to
 * another AWS service or another account's endpoint service.
 */
function allowedOutsideTheLab(seen: readonly Authorized[], region: string) {
  const mutating = seen.filter((call) => !READ.test(call.requests[0]?.action ?? ''));
  const endpoints = mutating.filter((call) => call.requests.some((request) => request.context['ec2:VpceServiceName'] !== undefined));
  return {
    mutating,
    endpoints,
    untagged: mutating.filter((call) => !refusedAs(call, untagged(call.requests))).map(named),
    foreignService: FOREIGN_SERVICES(region).flatMap(({ name, owner }) => endpoints.filter((call) => !refusedAs(call, toService(call.requests, name, owner))).map(named)),
  };
}

test('in a full run and a guided one every AWS call of a lab step is made as its own role and allowed by the policies the stack deploys, and would be refused outside the lab', async () => {
  const lab = await startE2eLab();
  try {
    const { result: runs, seen } = await watchingIam(async () => [await lab.start('--scenario', 'full'), await continuedGuidedRun(lab, '--scenario', 'full')]);
    for (const { result, outcome } of runs) expect({ code: result.code, status: outcome.status }).toEqual({ code: 0, status: 'SUCCEEDED' });
    const calls = lab.cloud.journal.list().filter((entry) => entry.caller !== undefined);
    const sessions = new Set(calls.map((entry) => entry.caller?.split('/').pop()));
    // Each function that calls AWS did so as its role: BuildReport and the guided pause's two make no call.
    // Each run's public instance pushes the hop's keys as its own role's session, named after the instance.
    const functionSessions = [...sessions].filter((session) => !session?.startsWith('i-'));
    const callless = new Set(['BuildReport', 'OpenLesson', 'AwaitStudent', 'DiscoverExpiredRuns'].map((id) => `vpce-lab-${id}`));
    expect(functionSessions.sort()).toEqual(LAB_FUNCTIONS.map((fn) => `vpce-lab-${fn.id}`).filter((name) => !callless.has(name)).sort());
    expect([...sessions].filter((session) => session?.startsWith('i-'))).toHaveLength(2);
    expect(calls.filter((entry) => entry.errorCode === 'UnauthorizedOperation' || entry.errorCode?.startsWith('AccessDenied'))).toEqual([]);

    // IAM decided every call of the run but GetCallerIdentity, which needs no permission: the replays below cover the run.
    expect(seen).toHaveLength(calls.filter((entry) => entry.action !== 'GetCallerIdentity').length);
    const outside = allowedOutsideTheLab(seen, lab.lab.region);
    const mutatingActions = new Set(calls.filter((entry) => !/^(Describe|Get|List)/.test(entry.action)).map((entry) => entry.action));
    expect(new Set(outside.mutating.map((call) => call.requests[0]?.action.split(':')[1]))).toEqual(mutatingActions);
    expect(mutatingActions.size).toBeGreaterThanOrEqual(30);
    expect(outside.endpoints.length).toBeGreaterThanOrEqual(4);
    expect(outside.untagged).toEqual([]);
    expect(outside.foreignService).toEqual([]);
  } finally {
    await lab.lab.close();
  }
});

test('a statement that drops its tag condition, or its endpoint service binding, is found by the replays outside the lab', async () => {
  const policies = committed();
  const loosened = (id: string, loosen: (statement: PolicyStatementJson) => PolicyStatementJson) => {
    const role = policies.functions[id];
    if (!role) throw new Error(`no policy for ${id}`);
    return { role: role.role, statements: role.statements.map(loosen) };
  };
  const withoutCondition = (action: string) => (statement: PolicyStatementJson) => ([statement.Action].flat().includes(action) ? { ...statement, Condition: undefined } : statement);
  const lab = await startE2eLab({
    iamPolicies: {
      ...policies,
      functions: {
        ...policies.functions,
        'vpce-lab-DeleteNetworks': loosened('vpce-lab-DeleteNetworks', withoutCondition('ec2:DeleteSubnet')),
        'vpce-lab-CreateGatewayEndpoints': loosened('vpce-lab-CreateGatewayEndpoints', (statement) => {
          if (!statement.Condition) return statement;
          const kept = Object.entries(statement.Condition).map(([operator, keys]) => [operator, Object.fromEntries(Object.entries(keys).filter(([key]) => !key.startsWith('ec2:VpceService')))] as const);
          return { ...statement, Condition: Object.fromEntries(kept.filter(([, keys]) => Object.keys(keys).length > 0)) };
        }),
      },
    },
  });
  try {
    const { result, seen } = await watchingIam(() => lab.start('--scenario', 'gateway'));
    expect(result.outcome.status).toBe('SUCCEEDED');
    const outside = allowedOutsideTheLab(seen, lab.lab.region);
    expect(new Set(outside.untagged)).toEqual(new Set(['vpce-lab-DeleteNetworks ec2:DeleteSubnet']));
    expect(new Set(outside.foreignService)).toEqual(new Set(['vpce-lab-CreateGatewayEndpoints ec2:CreateVpcEndpoint']));
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
