import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { STATE_MACHINES } from '../../cli/connection/lab-connection';
import { ELB_DEPENDENT_EC2_ACTIONS } from '../../functions/commons/dependent-actions';
import { TAG } from '../../functions/commons/lab-tags';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { renderLabPolicies } from '../../infra/lab-policies';
import { LAB_POLICIES_FILE } from '../../infra/lab-policies-file';
import { bundledSdkCalls } from '../support/bundled-sdk-calls';
import { allStatements, listOf, type PolicyStatementJson, resourceText } from '../support/policy-documents';
import { assetText, resourcesOf, type SynthesizedLab, synthesizedLabForTests } from '../support/synthesized-lab';
import { VPCE_SERVICE_OWNER_KEY } from '../../functions/commons/endpoint-condition-keys';

const ALLOWED_OWNER = '444455556666';
// Settings given as context, so the test also sees them reach the template.
const lab = synthesizedLabForTests({ cleanupEveryMinutes: '20', cleanupConcurrency: '3', acceptAllowedOwners: ALLOWED_OWNER });

/** The account the template's ARNs are read with (it is account-agnostic). */
const FAKE_ACCOUNT = '111122223333';

const functionsByName = (synthesized: SynthesizedLab) => new Map(resourcesOf(synthesized, 'AWS::Lambda::Function').map(([id, fn]) => [fn.Properties.FunctionName as string, { id, fn }]));

test(`the app synthesizes, bundling all ${LAB_FUNCTIONS.length} functions (the time is printed)`, () => {
  expect(lab.synthSeconds).toBeGreaterThan(0);
  console.info(`vpce-lab stack synthesized in ${lab.synthSeconds.toFixed(1)} s`);
});

describe('the functions', () => {
  test('one per LAB_FUNCTIONS entry, on nodejs24.x and arm64, timed out as the step is sized', () => {
    const functions = functionsByName(lab);
    expect(functions.size).toBe(LAB_FUNCTIONS.length);
    for (const definition of LAB_FUNCTIONS) {
      const fn = functions.get(`vpce-lab-${definition.id}`)?.fn.Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: definition.timeoutSeconds, Handler: 'index.handler' });
    }
  });

  test('each logs to its own log group with a retention, and ships source maps it enables', () => {
    for (const [, { fn }] of functionsByName(lab)) {
      const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(lab.resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/aws/lambda/${fn.Properties.FunctionName as string}`, RetentionInDays: 14 } });
      expect(fn.Properties.Environment).toMatchObject({ Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'vpce-lab' } });
      const code = fn.Properties.Code as { S3Key: string };
      expect(assetText(lab, code.S3Key, 'index.js')).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
      expect(JSON.parse(assetText(lab, code.S3Key, 'index.js.map'))).toMatchObject({ version: 3 });
    }
  });

  test('the settings reach the steps: instance profile, connection topic, allow-listed owners', () => {
    const topic = resourcesOf(lab, 'AWS::SNS::Topic')[0]![0];
    const profile = resourcesOf(lab, 'AWS::IAM::InstanceProfile')[0]![0];
    lab.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'vpce-lab-LaunchConsumerInstances',
      Environment: { Variables: Match.objectLike({ LAB_INSTANCE_PROFILE: { 'Fn::GetAtt': [profile, 'Arn'] }, CONNECTION_TOPIC_ARN: { Ref: topic }, ACCEPT_ALLOWED_OWNERS: ALLOWED_OWNER }) },
    });
    lab.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'vpce-lab-AcceptConnection',
      Environment: { Variables: Match.objectLike({ ACCEPT_ALLOWED_OWNERS: ALLOWED_OWNER }) },
    });
  });
});

test('DiscoverExpiredRuns may describe the executions of lab-run alone, and is told its ARN; no other function may call Step Functions', () => {
  const functions = functionsByName(lab);
  const roleOf = (name: string) => (functions.get(name)!.fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const functionRoles = new Set([...functions.keys()].map(roleOf));
  const onStepFunctions = allStatements(lab.resources)
    .filter(({ where, statement }) => functionRoles.has(roleOfPolicy(where) ?? '') && listOf(statement.Action).some((action) => action.startsWith('states:') || action === '*'))
    .map(({ where, statement }) => ({ role: roleOfPolicy(where), actions: listOf(statement.Action), resources: listOf(statement.Resource).map(resourceText), condition: statement.Condition }));
  expect(onStepFunctions).toEqual([
    {
      role: roleOf('vpce-lab-DiscoverExpiredRuns'),
      actions: ['states:DescribeExecution'],
      resources: [`arn:<AWS::Partition>:states:${lab.stack.region}:<AWS::AccountId>:execution:${STATE_MACHINES.labRun}:*`],
      condition: undefined,
    },
  ]);
  // The environment names the very state machine the stack deploys as lab-run.
  const [labRunId] = resourcesOf(lab, 'AWS::StepFunctions::StateMachine').find(([, machine]) => machine.Properties.StateMachineName === STATE_MACHINES.labRun)!;
  const environment = (functions.get('vpce-lab-DiscoverExpiredRuns')!.fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  const named = resourceText(environment.LAB_RUN_STATE_MACHINE_ARN).replace('<AWS::Partition>', 'aws').replace('<AWS::AccountId>', FAKE_ACCOUNT);
  expect(named).toBe(deployedValue({ Ref: labRunId }));
});

/** What a placeholder's CloudFormation value will be once deployed, with a made-up account. */
function deployedValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const ref = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const target = lab.resources[ref.Ref ?? ref['Fn::GetAtt']?.[0] ?? ''];
  if (target?.Type === 'AWS::Lambda::Function' && ref['Fn::GetAtt']?.[1] === 'Arn') return `arn:aws:lambda:ap-northeast-2:${FAKE_ACCOUNT}:function:${target.Properties.FunctionName as string}`;
  if (target?.Type === 'AWS::StepFunctions::StateMachine' && ref.Ref) return `arn:aws:states:ap-northeast-2:${FAKE_ACCOUNT}:stateMachine:${target.Properties.StateMachineName as string}`;
  throw new Error(`a definition substitution is neither text, a function ARN nor a state machine ARN: ${JSON.stringify(value)}`);
}

interface DeployedStateMachine {
  readonly id: string;
  readonly name: string;
  readonly roleId: string;
  readonly definition: string;
}

/** Each state machine's definition as CloudFormation will make it: the staged file with the substitutions applied (as text, like CloudFormation). */
function deployedStateMachines(): DeployedStateMachine[] {
  return resourcesOf(lab, 'AWS::StepFunctions::StateMachine').map(([id, machine]) => {
    const location = machine.Properties.DefinitionS3Location as { Key: string };
    const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
    const definition = assetText(lab, location.Key).replace(/\$\{([^}]*)\}/g, (placeholder, name: string) => (name in substitutions ? deployedValue(substitutions[name]) : placeholder));
    return { id, name: machine.Properties.StateMachineName as string, roleId: (machine.Properties.RoleArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0], definition };
  });
}

/** Every Task state of a definition, in Parallel branches and Map item processors too. */
function taskStates(states: Record<string, Record<string, unknown>>): Record<string, unknown>[] {
  return Object.values(states).flatMap((state) => [
    ...(state.Type === 'Task' ? [state] : []),
    ...listOf(state.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined).flatMap((branch) => taskStates(branch.States)),
    ...(state.ItemProcessor ? taskStates((state.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States) : []),
  ]);
}

describe('the state machines', () => {
  test('three, named as the vpce-lab command looks them up, each its statemachine/ file', () => {
    const machines = deployedStateMachines();
    expect(machines.map((machine) => machine.name).sort()).toEqual(Object.values(STATE_MACHINES).sort());
    for (const machine of machines) {
      const file = readFileSync(join(__dirname, '../../statemachine', `${machine.name.replace(/^vpce-lab-/, '')}.asl.json`), 'utf8');
      // The file as staged is the file itself, but for the settings filled in at synth time.
      const staged = assetText(lab, (lab.resources[machine.id]!.Properties.DefinitionS3Location as { Key: string }).Key);
      expect(staged).toBe(file.replace('${CleanupConcurrency}', '3'));
      // What is left for CloudFormation is JSON, every placeholder inside a string.
      expect(() => JSON.parse(staged)).not.toThrow();
      const placeholders = [...staged.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]);
      expect(Object.keys(lab.resources[machine.id]!.Properties.DefinitionSubstitutions as object).sort()).toEqual([...new Set(placeholders)].sort());
    }
  });

  test('once substituted, no placeholder is left and every Task names a real function or the nested teardown', () => {
    const functionArns = new Set(LAB_FUNCTIONS.map((fn) => `arn:aws:lambda:ap-northeast-2:${FAKE_ACCOUNT}:function:vpce-lab-${fn.id}`));
    const teardownArn = `arn:aws:states:ap-northeast-2:${FAKE_ACCOUNT}:stateMachine:${STATE_MACHINES.teardown}`;
    for (const machine of deployedStateMachines()) {
      expect(machine.definition).not.toContain('${');
      const tasks = taskStates((JSON.parse(machine.definition) as { States: Record<string, Record<string, unknown>> }).States);
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks) {
        if (task.Resource === 'arn:aws:states:::states:startExecution.sync:2') expect(task.Parameters).toMatchObject({ StateMachineArn: teardownArn });
        else if (task.Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') expect(functionArns).toContain((task.Parameters as { FunctionName: string }).FunctionName);
        else expect(functionArns).toContain(task.Resource);
      }
    }
    const cleanup = deployedStateMachines().find((machine) => machine.name === STATE_MACHINES.cleanup)!;
    expect(cleanup.definition).toContain(`"maxConcurrency.$": "States.StringToJson('3')"`);
  });

  test('each role may invoke exactly the functions its file names, and start only the teardown', () => {
    for (const machine of deployedStateMachines()) {
      const named = [...machine.definition.matchAll(/"(?:Resource|FunctionName)": "(arn:aws:lambda:[^"]+)"/g)].map((match) => match[1]!.split(':function:')[1]);
      const statements = allStatements(lab.resources).filter(({ where }) => roleOfPolicy(where) === machine.roleId);
      const invocable = statements
        .filter(({ statement }) => listOf(statement.Action).includes('lambda:InvokeFunction'))
        .flatMap(({ statement }) => listOf(statement.Resource).map((resource) => deployedValue(resource).split(':function:')[1]));
      expect([...new Set(invocable)].sort()).toEqual([...new Set(named)].sort());
      const starts = statements.filter(({ statement }) => listOf(statement.Action).includes('states:StartExecution'));
      if (machine.name === STATE_MACHINES.teardown) expect(starts).toEqual([]);
      else expect(starts.flatMap(({ statement }) => listOf(statement.Resource).map(deployedValue))).toEqual([`arn:aws:states:ap-northeast-2:${FAKE_ACCOUNT}:stateMachine:${STATE_MACHINES.teardown}`]);
    }
  });

  test('every event is logged to CloudWatch and every execution traced', () => {
    for (const [, machine] of resourcesOf(lab, 'AWS::StepFunctions::StateMachine')) {
      expect(machine.Properties).toMatchObject({ LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true }, TracingConfiguration: { Enabled: true } });
    }
  });
});

/** The role whose permissions a statement found at `where` is part of: an `AWS::IAM::Policy` of it, or its inline policies (not its trust policy). */
function roleOfPolicy(where: string): string | undefined {
  const [logicalId = '', property] = where.split(/[.[]/);
  const resource = lab.resources[logicalId];
  if (resource?.Type === 'AWS::IAM::Role') return property === 'Policies' ? logicalId : undefined;
  if (resource?.Type !== 'AWS::IAM::Policy') return undefined;
  return listOf(resource.Properties.Roles as { Ref: string }[]).map((role) => role.Ref)[0];
}

describe('connection notifications', () => {
  test('the topic is KMS-encrypted, refuses anything but TLS, and only PrivateLink may publish, for this account', () => {
    const [topicId, topic] = resourcesOf(lab, 'AWS::SNS::Topic')[0]!;
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    expect(lab.resources[keyId]).toMatchObject({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } });
    lab.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'vpce.amazonaws.com' }, Action: 'sns:Publish', Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) }),
        ]),
      },
    });
    lab.template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'vpce.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] })]) },
    });
  });

  test('AcceptConnection is subscribed, and SNS may invoke it for this topic only', () => {
    const [topicId] = resourcesOf(lab, 'AWS::SNS::Topic')[0]!;
    const accept = functionsByName(lab).get('vpce-lab-AcceptConnection')!.id;
    lab.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: topicId }, Endpoint: { 'Fn::GetAtt': [accept, 'Arn'] } });
    lab.template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: { Ref: topicId }, FunctionName: { 'Fn::GetAtt': [accept, 'Arn'] } });
  });
});

test('the schedule starts vpce-lab-cleanup at the configured rate, with a role that may start only that', () => {
  const [cleanupId] = resourcesOf(lab, 'AWS::StepFunctions::StateMachine').find(([, machine]) => machine.Properties.StateMachineName === STATE_MACHINES.cleanup)!;
  const [, schedule] = resourcesOf(lab, 'AWS::Scheduler::Schedule')[0]!;
  expect(schedule.Properties).toMatchObject({ ScheduleExpression: 'rate(20 minutes)', State: 'ENABLED', Target: { Arn: { Ref: cleanupId }, Input: '{}' } });
  const roleId = (schedule.Properties.Target as { RoleArn: { 'Fn::GetAtt': [string] } }).RoleArn['Fn::GetAtt'][0];
  const granted = allStatements(lab.resources).filter(({ where }) => roleOfPolicy(where) === roleId);
  expect(granted.map(({ statement }) => [statement.Action, statement.Resource])).toEqual([['states:StartExecution', { Ref: cleanupId }]]);
});

test('the lab instances run with AmazonSSMManagedInstanceCore and SendSSHPublicKey to lab instances as ec2-user only, and only EC2 may be passed their role', () => {
  const [roleId, role] = resourcesOf(lab, 'AWS::IAM::Role').find(([, candidate]) => JSON.stringify(candidate.Properties.AssumeRolePolicyDocument).includes('ec2.amazonaws.com'))!;
  expect(role.Properties.ManagedPolicyArns).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }]);
  expect(role.Properties.Policies).toBeUndefined();
  const own = allStatements(lab.resources).filter(({ where }) => roleOfPolicy(where) === roleId);
  expect(own.map(({ statement }) => [statement.Effect, statement.Action, statement.Condition])).toEqual([
    ['Allow', 'ec2-instance-connect:SendSSHPublicKey', { StringEquals: { 'ec2:osuser': 'ec2-user', [`aws:ResourceTag/${TAG.managed}`]: 'true' } }],
  ]);
  expect(resourceText(own[0]!.statement.Resource)).toMatch(/:ec2:.*:instance\/\*$/);
  const passRole = allStatements(lab.resources).filter(({ statement }) => listOf(statement.Action).some((action) => action === 'iam:PassRole' || action === 'iam:*' || action === '*'));
  expect(passRole.length).toBeGreaterThan(0);
  for (const { statement } of passRole) {
    expect(statement.Resource).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(statement.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
  }
});

describe('IAM is bound to the run tags', () => {
  const READ_ONLY = /^(Describe|Get|List)/;
  /** A mutating EC2 or ELBv2 action (wildcards included: `ec2:*` mutates, `ec2:Describe*` does not). */
  const mutatesEc2OrElb = (action: string): boolean => {
    if (action === '*') return true;
    const [service, name = ''] = action.split(':');
    return (service === 'ec2' || service === 'elasticloadbalancing') && !READ_ONLY.test(name);
  };
  const managedTrue = (statement: PolicyStatementJson, key: string) => listOf(statement.Condition?.StringEquals?.[key] as string | string[] | undefined).every((value) => value === 'true') && statement.Condition?.StringEquals?.[key] !== undefined;
  const tagBound = (statement: PolicyStatementJson) => managedTrue(statement, `aws:RequestTag/${TAG.managed}`) || managedTrue(statement, `aws:ResourceTag/${TAG.managed}`);
  const mutatingAllows = () =>
    allStatements(lab.resources).filter(({ statement }) => statement.Effect === 'Allow' && (statement.NotAction !== undefined || listOf(statement.Action).some(mutatesEc2OrElb)));

  /**
   * Where AWS offers no tag to condition on, with the reason and what binds
   * the statement instead. Everything else that mutates EC2 or ELBv2 must
   * carry vpce-lab:managed=true (Service Authorization Reference: even
   * AcceptVpcEndpointConnections and RejectVpcEndpointConnections take
   * aws:ResourceTag on the vpc-endpoint-service).
   */
  const ACKNOWLEDGED_UNTAGGED = [
    {
      action: 'ec2:RunInstances',
      resource: /^arn:<AWS::Partition>:ec2:[a-z0-9-]+::image\/\*$/,
      condition: { StringEquals: { 'ec2:Owner': 'amazon' } },
      reason: "the AMI is Amazon's (from the Amazon Linux public SSM parameter): it cannot carry the run's tag; ec2:Owner=amazon limits it to Amazon images",
    },
  ];

  test('no statement allows a mutating EC2 or ELBv2 action on "*" without a vpce-lab:managed condition', () => {
    const offending = mutatingAllows().filter(({ statement }) => !tagBound(statement) && (statement.NotResource !== undefined || listOf(statement.Resource).includes('*')));
    expect(offending).toEqual([]);
  });

  test('every other untagged mutating statement is an acknowledged exception, narrowed by ARN and condition', () => {
    const untagged = mutatingAllows().filter(({ statement }) => !tagBound(statement));
    for (const { where, statement } of untagged) {
      const exception = ACKNOWLEDGED_UNTAGGED.find(
        (candidate) =>
          listOf(statement.Action).every((action) => action === candidate.action) &&
          listOf(statement.Resource).every((resource) => candidate.resource.test(resourceText(resource))) &&
          JSON.stringify(statement.Condition) === JSON.stringify(candidate.condition),
      );
      expect({ where, statement, acknowledged: exception !== undefined }).toMatchObject({ acknowledged: true });
    }
  });

  /** The calls that create a resource with the run's tags (TagSpecifications or Tags). */
  const CREATES = /^ec2:(CreateVpc|CreateSubnet|CreateInternetGateway|CreateRouteTable|CreateSecurityGroup|AuthorizeSecurityGroupIngress|CreateVpcEndpoint|CreateVpcEndpointServiceConfiguration|RunInstances)$|^elasticloadbalancing:Create(LoadBalancer|TargetGroup|Listener)$/;
  const TAGGING = new Set(['ec2:CreateTags', 'elasticloadbalancing:AddTags']);

  test('every create requires vpce-lab:managed=true in the request', () => {
    const creates = new Set(mutatingAllows().flatMap(({ statement }) => listOf(statement.Action).filter((action) => CREATES.test(action))));
    expect(creates.size).toBeGreaterThan(0);
    for (const create of creates) {
      const requiring = mutatingAllows().filter(({ statement }) => listOf(statement.Action).includes(create) && managedTrue(statement, `aws:RequestTag/${TAG.managed}`));
      expect({ create, requiresRequestTag: requiring.length > 0 }).toEqual({ create, requiresRequestTag: true });
    }
  });

  test('ec2:CreateTags and elasticloadbalancing:AddTags only as part of a create, with the tag', () => {
    const tagging = mutatingAllows().filter(({ statement }) => listOf(statement.Action).some((action) => TAGGING.has(action)));
    expect(tagging.length).toBeGreaterThan(0);
    for (const { statement } of tagging) {
      const createAction = listOf(statement.Action).includes('ec2:CreateTags') ? 'ec2:CreateAction' : 'elasticloadbalancing:CreateAction';
      expect(listOf(statement.Action).every((action) => TAGGING.has(action))).toBe(true);
      expect(statement.Condition?.StringEquals).toEqual({ [createAction]: expect.any(Array), [`aws:RequestTag/${TAG.managed}`]: 'true' });
      for (const action of listOf(statement.Condition?.StringEquals?.[createAction] as string[])) expect(`${createAction.split(':')[0]}:${action}`).toMatch(CREATES);
    }
  });

  test('every change and delete requires vpce-lab:managed=true on the resource', () => {
    const changes = mutatingAllows().filter(({ statement }) => listOf(statement.Action).some((action) => !CREATES.test(action) && !TAGGING.has(action)));
    expect(changes.length).toBeGreaterThan(0);
    for (const { where, statement } of changes) expect({ where, statement, resourceTagged: managedTrue(statement, `aws:ResourceTag/${TAG.managed}`) }).toMatchObject({ resourceTagged: true });
  });
});

describe('each endpoint step connects only to the endpoint services it is for', () => {
  const name = (service: string) => `com.amazonaws.${lab.stack.region}.${service}`;
  const BOUND: Readonly<Record<string, () => Record<string, unknown>>> = {
    CreateGatewayEndpoints: () => ({ StringEquals: { [VPCE_SERVICE_OWNER_KEY]: 'amazon', 'ec2:VpceServiceName': ['s3', 'dynamodb'].map(name) } }),
    CreateInterfaceEndpoint: () => ({ StringEquals: { [VPCE_SERVICE_OWNER_KEY]: 'amazon', 'ec2:VpceServiceName': [name('cloudformation')] } }),
    // The account is the deploying one, whatever it is; the template is account-agnostic.
    CreateServiceEndpoint: () => ({ StringEquals: { [VPCE_SERVICE_OWNER_KEY]: { Ref: 'AWS::AccountId' } }, StringLike: { 'ec2:VpceServiceName': `com.amazonaws.vpce.${lab.stack.region}.vpce-svc-*` } }),
  };

  test.each(Object.keys(BOUND).map((id) => [id]))('%s: its endpoints only to its own services, with the run tag', (id) => {
    const { fn } = functionsByName(lab).get(`vpce-lab-${id}`)!;
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const onEndpoints = allStatements(lab.resources).filter(
      ({ where, statement }) => roleOfPolicy(where) === roleId && listOf(statement.Action).includes('ec2:CreateVpcEndpoint') && listOf(statement.Resource).some((resource) => resourceText(resource).includes(':vpc-endpoint/')),
    );
    expect(onEndpoints).toHaveLength(1);
    const { StringEquals, ...others } = BOUND[id]!() as { StringEquals: Record<string, unknown> };
    expect(onEndpoints[0]!.statement.Condition).toEqual({ StringEquals: { [`aws:RequestTag/${TAG.managed}`]: 'true', ...StringEquals }, ...others });
  });

  test('no other step may create an endpoint', () => {
    const creating = allStatements(lab.resources).filter(({ statement }) => listOf(statement.Action).includes('ec2:CreateVpcEndpoint'));
    const functionOfRole = new Map([...functionsByName(lab)].map(([name, { fn }]) => [(fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0], name.replace('vpce-lab-', '')]));
    expect(new Set(creating.map(({ where }) => functionOfRole.get(roleOfPolicy(where) ?? '')))).toEqual(new Set(Object.keys(BOUND)));
  });
});

test('the policies the local cloud enforces are the ones this template deploys (after infra/ changes: npm run policies)', () => {
  const committed = JSON.parse(readFileSync(LAB_POLICIES_FILE, 'utf8')) as unknown;
  const rendered = renderLabPolicies({ Resources: lab.resources }, lab.stack.region);
  expect(Object.keys(rendered.functions)).toHaveLength(LAB_FUNCTIONS.length);
  expect(committed).toEqual(rendered);
});

describe('each function may make exactly the calls of its own step', () => {
  /**
   * Permissions AWS checks for a call besides its own action: the Service
   * Authorization Reference's "dependent actions", and the EC2 reads ELB
   * makes as the caller (ELB User Guide, "Elastic Load Balancing API permissions").
   */
  const DEPENDENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    'ec2:RunInstances': ['ec2:CreateTags', 'iam:PassRole'],
    'ec2:CreateVpcEndpoint': ['ec2:CreateTags', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'route53:AssociateVPCWithHostedZone'],
    'elasticloadbalancing:CreateLoadBalancer': ['elasticloadbalancing:AddTags', 'iam:CreateServiceLinkedRole', ...ELB_DEPENDENT_EC2_ACTIONS.CreateLoadBalancer],
    'elasticloadbalancing:CreateTargetGroup': ['elasticloadbalancing:AddTags', ...ELB_DEPENDENT_EC2_ACTIONS.CreateTargetGroup],
    'elasticloadbalancing:CreateListener': ['elasticloadbalancing:AddTags'],
    'elasticloadbalancing:RegisterTargets': ELB_DEPENDENT_EC2_ACTIONS.RegisterTargets,
  };
  /** Calls with TagSpecifications need ec2:CreateTags for the tags. */
  const TAGGED_AT_CREATION = /^ec2:(Create(?!Tags$)\w+|AuthorizeSecurityGroupIngress)$/;
  /** sts:GetCallerIdentity is answered for any caller, whatever its policies. */
  const NEEDS_NO_PERMISSION = new Set(['sts:GetCallerIdentity']);
  const OWN_LOGS = new Set(['logs:CreateLogStream', 'logs:PutLogEvents']);
  /** What must be granted with an ELB call for it to succeed at all: ELB makes these EC2 calls as the caller. */
  const DEPENDENT_ELB_CALLS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
    Object.entries(ELB_DEPENDENT_EC2_ACTIONS).map(([action, ec2]) => [`elasticloadbalancing:${action}`, ec2]),
  );

  test.each(LAB_FUNCTIONS.map((fn) => [fn.id]))('%s', (id) => {
    const { fn } = functionsByName(lab).get(`vpce-lab-${id}`)!;
    const calls = bundledSdkCalls(assetText(lab, (fn.Properties.Code as { S3Key: string }).S3Key, 'index.js')).filter((call) => !NEEDS_NO_PERMISSION.has(call));
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const granted = new Set(allStatements(lab.resources).filter(({ where }) => roleOfPolicy(where) === roleId).flatMap(({ statement }) => listOf(statement.Action)));
    for (const call of [...calls, ...calls.flatMap((call) => DEPENDENT_ELB_CALLS[call] ?? [])]) expect({ call, granted: granted.has(call) }).toEqual({ call, granted: true });
    const explained = new Set([...calls, ...calls.flatMap((call) => [...(DEPENDENT_ACTIONS[call] ?? []), ...(TAGGED_AT_CREATION.test(call) ? ['ec2:CreateTags'] : [])]), ...OWN_LOGS]);
    expect([...granted].filter((action) => !explained.has(action))).toEqual([]);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  test('the synth ran the checks and left no finding unacknowledged', () => {
    const report = JSON.parse(readFileSync(join(lab.outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations: unknown[] }[] };
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  });

  test('every acknowledgement sits on the resource it concerns and gives its reason, naming it', () => {
    const acknowledgements = lab.stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
      );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of acknowledgements) {
      // On a role (an IAM finding), never on the stack or the app as a blanket.
      expect(acknowledgement).toEqual({
        path: expect.stringMatching(/\/Role$/),
        id: expect.stringMatching(/AwsSolutions-IAM[45]\[/),
        reason: expect.stringMatching(/^(vpce-lab-[\w-]+ role|lab instance role): .{40,}/),
      });
    }
  });
});
