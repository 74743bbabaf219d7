import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ArnFormat, RemovalPolicy, Stack, Stage, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { functionArnPlaceholder, labStateMachineName, PLACEHOLDER, stateMachineArnPlaceholder } from '../contract/lab-names';
import { REPOSITORY_ROOT } from './lab-lambda';
import { nagResourceFinding } from './nag-findings';

export interface LabStateMachineProps {
  /** The file `statemachine/<key>.asl.json`; deployed as `vpce-lab-<key>`, the name `vpce-lab` looks it up by. */
  readonly key: string;
  /** The lab's functions by id, for `${<Id>FunctionArn}`. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** State machines this one starts as nested executions (`${<Key>StateMachineArn}`). */
  readonly nested?: readonly LabStateMachine[];
  /** Any other placeholder's value (`${CleanupConcurrency}`). */
  readonly values?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

/**
 * One of the lab's workflows, deployed from its ASL file, the same file the
 * local cloud runs. Placeholders whose value exists only at deploy time (the
 * ARNs) become CloudFormation definition substitutions; those known at synth
 * time (`${CleanupConcurrency}`, text that cleanup reads as a number with
 * States.StringToJson) are filled in before the file is staged. The role may
 * invoke exactly the functions (and start exactly the nested state machines)
 * the file names. Logs every event to CloudWatch, traced with X-Ray.
 */
export class LabStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly name: string;
  /** How other definitions refer to this state machine's ARN. */
  readonly placeholder: string;

  constructor(scope: Construct, id: string, props: LabStateMachineProps) {
    super(scope, id);
    this.name = labStateMachineName(props.key);
    this.placeholder = stateMachineArnPlaceholder(props.key);
    const file = join(REPOSITORY_ROOT, 'statemachine', `${props.key}.asl.json`);
    const { substitutions, constants, functions, nested } = resolvePlaceholders(file, props);

    const logGroup = new LogGroup(this, 'Logs', { logGroupName: `/aws/vendedlogs/states/${this.name}`, retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: this.name,
      definitionBody: DefinitionBody.fromFile(this.stagedDefinition(file, constants)),
      definitionSubstitutions: substitutions,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    if (functions.length > 0) {
      this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: functions.map((fn) => fn.functionArn) }));
    }
    for (const child of nested) this.allowNestedExecutionsOf(child);
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${this.name} role: Step Functions delivers logs through CloudWatch Logs log deliveries and sends X-Ray traces, whose actions (logs:CreateLogDelivery..., xray:PutTraceSegments...) IAM only grants on "*"`,
    });
  }

  /**
   * The file with its synth-time constants filled in, written into the cloud
   * assembly's directory (CDK then stages it as an asset like any file). The
   * result must be JSON with every remaining placeholder inside a string.
   */
  private stagedDefinition(file: string, constants: Readonly<Record<string, string>>): string {
    if (Object.keys(constants).length === 0) return file;
    const text = readFileSync(file, 'utf8').replace(PLACEHOLDER, (placeholder, name: string) => constants[name] ?? placeholder);
    try {
      JSON.parse(text.replace(PLACEHOLDER, 'placeholder'));
    } catch (error) {
      throw new Error(`${relative(process.cwd(), file)} is not JSON once its synth-time placeholders are filled in (${Object.keys(constants).join(', ')}): ${(error as Error).message}`, { cause: error });
    }
    const stage = Stage.of(this);
    if (!stage) throw new Error(`${this.node.path} is not in a CDK app: there is no cloud assembly to stage ${file} into`);
    const directory = join(stage.outdir, 'statemachine');
    mkdirSync(directory, { recursive: true });
    const staged = join(directory, `${this.name}.asl.json`);
    writeFileSync(staged, text);
    return staged;
  }

  /** `arn:aws:states:::states:startExecution.sync:2`: start it, follow and stop its executions through the managed EventBridge rule. */
  private allowNestedExecutionsOf(child: LabStateMachine): void {
    const stack = Stack.of(this);
    const executions = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${child.name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [child.stateMachine.stateMachineArn] }));
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions] }));
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule' })],
      }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: `AwsSolutions-IAM5[${nagResourceFinding(stack, executions)}]`,
      reason: `${this.name} role: it follows and may stop the executions of ${child.name} it starts, whose ids are only known then; the pattern is limited to that one state machine`,
    });
  }
}

interface ResolvedPlaceholders {
  /** Deploy-time values, for CloudFormation to substitute. */
  readonly substitutions: Record<string, string>;
  /** Values known now, written into the staged file. */
  readonly constants: Record<string, string>;
  readonly functions: IFunction[];
  readonly nested: LabStateMachine[];
}

/** Every placeholder the file uses, with its value; one that nothing provides stops the synth, naming the file. */
function resolvePlaceholders(file: string, props: LabStateMachineProps): ResolvedPlaceholders {
  const names = new Set([...readFileSync(file, 'utf8').matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''));
  const resolved: ResolvedPlaceholders = { substitutions: {}, constants: {}, functions: [], nested: [] };
  for (const name of [...names].sort()) {
    const fn = [...props.functions].find(([id]) => functionArnPlaceholder(id) === name)?.[1];
    const child = props.nested?.find((machine) => machine.placeholder === name);
    const value = props.values?.[name];
    if (fn) resolved.functions.push(fn);
    if (child) resolved.nested.push(child);
    const substitution = fn?.functionArn ?? child?.stateMachine.stateMachineArn ?? value;
    if (substitution === undefined) throw new Error(`${relative(process.cwd(), file)} uses the placeholder \${${name}}, which the stack does not provide`);
    if (Token.isUnresolved(substitution)) resolved.substitutions[name] = substitution;
    else resolved.constants[name] = substitution;
  }
  return resolved;
}
