import { IamAuthorizer } from '../../local/iam/iam-authorizer';
import type { Principal } from '../../local/iam/principal';
import { ServiceAuthorization } from '../../local/iam/service-authorization';

const ACCOUNT = '000000000000';
const VPC = `arn:aws:ec2:ap-northeast-2:${ACCOUNT}:vpc/vpc-0123456789abcdef0`;

function principal(statements: unknown[]): Principal {
  return {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Role/session`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/Role`,
    userId: 'AROAEXAMPLE:session',
    accountId: ACCOUNT,
    policies: [{ name: 'Policy', policy: { Version: '2012-10-17', Statement: statements } }],
    context: {},
  };
}

let sar: ServiceAuthorization;
beforeAll(async () => {
  sar = await ServiceAuthorization.load(['ec2:DeleteVpc', 'ec2:CreateVpc', 'ec2:DescribeVpcs']);
});

const allowed = (statements: unknown[], action: string, resource = VPC): boolean =>
  new IamAuthorizer(sar).firstRefusal(principal(statements), [{ action, resource, context: {} }]) === undefined;

// The authorizer gives the evaluator only the statements whose Action can match; these hold that this decides as IAM does.
test.each<[string, unknown[], string, boolean]>([
  ['an action named in another case', [{ Effect: 'Allow', Action: 'EC2:deletevpc', Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a * wildcard', [{ Effect: 'Allow', Action: 'ec2:Delete*', Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a ? wildcard', [{ Effect: 'Allow', Action: 'ec2:DeleteVp?', Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a ? that stands for one character, not two', [{ Effect: 'Allow', Action: 'ec2:DeleteV?', Resource: '*' }], 'ec2:DeleteVpc', false],
  ['a pattern that only starts like the action', [{ Effect: 'Allow', Action: 'ec2:Delete', Resource: '*' }], 'ec2:DeleteVpc', false],
  ['a dot in a pattern, not any character', [{ Effect: 'Allow', Action: 'ec2.DeleteVpc', Resource: '*' }], 'ec2:DeleteVpc', false],
  ['one action of a list', [{ Effect: 'Allow', Action: ['ec2:CreateVpc', 'ec2:DeleteVpc'], Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a Deny of a matching pattern over an Allow', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }, { Effect: 'Deny', Action: 'ec2:Delete*', Resource: '*' }], 'ec2:DeleteVpc', false],
  ['a Deny of another action', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }, { Effect: 'Deny', Action: 'ec2:Create*', Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a NotAction Allow that leaves the action in', [{ Effect: 'Allow', NotAction: 'ec2:Create*', Resource: '*' }], 'ec2:DeleteVpc', true],
  ['a NotAction Allow that takes the action out', [{ Effect: 'Allow', NotAction: 'ec2:Delete*', Resource: '*' }], 'ec2:DeleteVpc', false],
  ['a NotAction Deny over an Allow', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: 'ec2:Describe*', Resource: '*' }], 'ec2:DeleteVpc', false],
])('%s', (_, statements, action, expected) => {
  expect(allowed(statements, action)).toBe(expected);
});

test('the same role is judged per action: an Allow of one does not carry over to the next', () => {
  const authorizer = new IamAuthorizer(sar);
  const role = principal([{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }]);
  expect(authorizer.firstRefusal(role, [{ action: 'ec2:DescribeVpcs', resource: '*', context: {} }])).toBeUndefined();
  expect(authorizer.firstRefusal(role, [{ action: 'ec2:DeleteVpc', resource: VPC, context: {} }])?.request.action).toBe('ec2:DeleteVpc');
});
