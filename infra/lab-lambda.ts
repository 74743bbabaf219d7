import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LabFunction } from '../functions/handlers/lab-functions';
import { labFunctionName } from '../contract/lab-names';
import { nagResourceFinding } from './nag-findings';
import type { WildcardResource } from './tag-bound-policy';

export const REPOSITORY_ROOT = join(__dirname, '..');

export interface LabLambdaProps {
  readonly definition: LabFunction;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  /** The step's own permissions (its log group is added here). */
  readonly statements: readonly PolicyStatement[];
  /** The wildcard resources among them, each acknowledged on the role with its reason. */
  readonly wildcardResources: readonly WildcardResource[];
}

/**
 * One lab step as a Lambda function: its handler bundled by the local esbuild
 * (no Docker), Node.js 24 on arm64, source maps on, its own log group with a
 * retention, and its own role holding only the step's permissions (no
 * AWSLambdaBasicExecutionRole: logging is granted on the one log group).
 */
export class LabLambda extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: LabLambdaProps) {
    super(scope, id);
    const name = labFunctionName(props.definition.id);
    const logGroup = new LogGroup(this, 'Logs', { logGroupName: `/aws/lambda/${name}`, retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${name}: the ${props.definition.id} step's own calls` });
    logGroup.grantWrite(this.role);
    for (const statement of props.statements) this.role.addToPrincipalPolicy(statement);
    for (const { arn, reason } of props.wildcardResources) {
      Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[${nagResourceFinding(Stack.of(this), arn)}]`, reason: `${name} role: ${reason}` });
    }
    this.function = new NodejsFunction(this, 'Function', {
      functionName: name,
      description: `vpce-lab step ${props.definition.id} (${props.definition.entry})`,
      entry: join(REPOSITORY_ROOT, props.definition.entry),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(props.definition.timeoutSeconds),
      role: this.role,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        // The AWS SDK v3 is part of the nodejs24.x runtime; everything else (middy, Powertools, zod) is bundled.
        externalModules: ['@aws-sdk/*'],
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        // Error names are what the workflows' Retry and Catch match; keep every name as written.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        forceDockerBundling: false,
        // esbuild's size summary for each of thirty-odd bundles is noise; its warnings and errors still show.
        logLevel: LogLevel.WARNING,
      },
    });
  }
}
