import { ArnFormat, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAB_FUNCTIONS } from '../functions/handlers/lab-functions';
import { labEnvironment } from '../functions/lab/lab-settings';
import type { LabFunctionId } from '../contract/lab-function-ids';
import { labStateMachineName } from '../contract/lab-names';
import { CleanupSchedule } from './cleanup-schedule';
import { ConnectionNotifications } from './connection-notifications';
import type { DeploySettings } from './deploy-settings';
import { LabInstanceProfile } from './lab-instance-profile';
import { LabLambda } from './lab-lambda';
import { LabStateMachine } from './lab-state-machine';
import { STEP_PERMISSIONS } from './step-permissions';
import { TagBoundPolicy } from './tag-bound-policy';

export interface VpceLabStackProps extends StackProps {
  readonly settings: DeploySettings;
}

const LOG_RETENTION = RetentionDays.TWO_WEEKS;
const ACCEPT_CONNECTION: LabFunctionId = 'AcceptConnection';

/**
 * Everything `vpce-lab start --aws` needs in an account: the lab's functions,
 * the lab-run, teardown and cleanup state machines, the connection
 * notifications topic with its subscriber, the cleanup schedule, and the
 * role the lab's instances run as.
 */
export class VpceLabStack extends Stack {
  readonly functions: ReadonlyMap<string, LabLambda>;
  readonly stateMachines: { readonly labRun: LabStateMachine; readonly teardown: LabStateMachine; readonly cleanup: LabStateMachine };

  constructor(scope: Construct, id: string, props: VpceLabStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const instances = new LabInstanceProfile(this, 'LabInstances');
    const environment = {
      POWERTOOLS_SERVICE_NAME: 'vpce-lab',
      POWERTOOLS_LOG_LEVEL: settings.logLevel,
      ...labEnvironment({
        instanceProfile: instances.instanceProfile.instanceProfileArn,
        allowedPrincipals: settings.allowedPrincipals,
        acceptAllowedOwners: settings.acceptAllowedOwners,
        acceptGraceSeconds: settings.acceptGraceSeconds,
      }),
    };
    // The topic needs its subscriber, and every step the topic's ARN: the subscriber is made first, the rest after.
    const acceptConnection = this.labLambda(ACCEPT_CONNECTION, environment, instances);
    const notifications = new ConnectionNotifications(this, 'ConnectionNotifications', { subscriber: acceptConnection.function });
    const stepEnvironment = {
      ...environment,
      ...labEnvironment({
        connectionTopicArn: notifications.topic.topicArn,
        // Spelled from its fixed name: the state machine is made after the functions it runs, so its own ARN would be a cycle.
        labRunStateMachineArn: this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: labStateMachineName('lab-run'), arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      }),
    };
    this.functions = new Map(
      LAB_FUNCTIONS.map((definition) => [definition.id, definition.id === ACCEPT_CONNECTION ? acceptConnection : this.labLambda(definition.id, stepEnvironment, instances)]),
    );

    const functions = new Map<string, IFunction>([...this.functions].map(([fnId, lambda]) => [fnId, lambda.function]));
    const teardown = new LabStateMachine(this, 'Teardown', { key: 'teardown', functions, logRetention: LOG_RETENTION });
    this.stateMachines = {
      teardown,
      labRun: new LabStateMachine(this, 'LabRun', { key: 'lab-run', functions, nested: [teardown], logRetention: LOG_RETENTION }),
      cleanup: new LabStateMachine(this, 'Cleanup', {
        key: 'cleanup',
        functions,
        nested: [teardown],
        values: { CleanupConcurrency: String(settings.cleanupConcurrency) },
        logRetention: LOG_RETENTION,
      }),
    };
    new CleanupSchedule(this, 'CleanupSchedule', { cleanup: this.stateMachines.cleanup.stateMachine, everyMinutes: settings.cleanupEveryMinutes });
  }

  private labLambda(fnId: LabFunctionId, environment: Record<string, string>, instances: LabInstanceProfile): LabLambda {
    const definition = LAB_FUNCTIONS.find((fn) => fn.id === fnId);
    if (!definition) throw new Error(`the lab function ${fnId} has no entry in LAB_FUNCTIONS`);
    const policy = new TagBoundPolicy(this);
    STEP_PERMISSIONS[fnId](policy, { instanceRole: instances.role });
    return new LabLambda(this, fnId, {
      definition,
      environment,
      logRetention: LOG_RETENTION,
      statements: policy.statements(),
      wildcardResources: policy.wildcardResources(),
    });
  }
}
