import type { Command, CommandInvocation, CommandPlugin, GetCommandInvocationResult, NotificationType } from '@aws-sdk/client-ssm';
import { isoTimestamp } from '../../../protocol/scalar-values';
import { type CommandProgress, isFinished } from '../model/command-progress';
import { pluginOutput } from '../model/plugin-output';
import type { CommandRecord, InvocationRecord } from '../model/ssm-records';

/** The one plugin of AWS-RunShellScript (a schema 1.2 document: its step is named after the plugin). */
export const PLUGIN_NAME = 'aws:runShellScript';

/**
 * What SSM sends for the members a command leaves unset: each empty,
 * `NotificationType` too (outside the SDK's enum), as list-commands and
 * list-command-invocations print them (AWS CLI examples, awscli/examples/ssm/
 * list-commands.rst and list-command-invocations.rst; the wire dump in
 * aws/aws-cli#3707).
 */
const NO_NOTIFICATION = { NotificationArn: '', NotificationEvents: [], NotificationType: '' as NotificationType };
const NO_CLOUDWATCH = { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false };

/** The `Command` shape, as SendCommand and ListCommands return it, with the command's current status and counts. */
export function toCommand(command: CommandRecord, progress: CommandProgress): Command {
  return {
    CommandId: command.id,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: command.comment ?? '',
    ExpiresAfter: new Date(command.requestedAt + command.timeoutSeconds * 1000),
    Parameters: command.parameters,
    // A command sent to Targets lists no instance ids of its own; its invocations name the nodes.
    InstanceIds: command.targets.length > 0 ? [] : command.instanceIds,
    Targets: command.targets.map(({ key, values }) => ({ Key: key, Values: values })),
    RequestedDateTime: new Date(command.requestedAt),
    Status: progress.status,
    StatusDetails: progress.statusDetails,
    OutputS3Region: command.region,
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
    MaxConcurrency: command.maxConcurrency,
    MaxErrors: command.maxErrors,
    TargetCount: progress.targetCount,
    CompletedCount: progress.completedCount,
    ErrorCount: progress.errorCount,
    DeliveryTimedOutCount: progress.deliveryTimedOutCount,
    ServiceRole: '',
    NotificationConfig: NO_NOTIFICATION,
    CloudWatchOutputConfig: NO_CLOUDWATCH,
    TimeoutSeconds: command.timeoutSeconds,
  };
}

/** ISO 8601 duration, as SSM writes `ExecutionElapsedTime` (`PT0.035S`). */
const isoDuration = (milliseconds: number): string => `PT${(milliseconds / 1000).toFixed(3).replace(/\.?0+$/, '')}S`;

/** An invocation as GetCommandInvocation returns it: its output only once it has finished. */
export function toInvocationResult(command: CommandRecord, invocation: InvocationRecord): GetCommandInvocationResult {
  const finished = isFinished(invocation);
  const { startedAt, endedAt } = invocation;
  return {
    CommandId: command.id,
    InstanceId: invocation.instanceId,
    Comment: command.comment ?? '',
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: PLUGIN_NAME,
    ResponseCode: finished ? invocation.responseCode : -1,
    ExecutionStartDateTime: startedAt === undefined ? '' : isoTimestamp(startedAt),
    ExecutionElapsedTime: startedAt === undefined || endedAt === undefined ? '' : isoDuration(endedAt - startedAt),
    ExecutionEndDateTime: endedAt === undefined ? '' : isoTimestamp(endedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: finished ? invocation.stdout : '',
    StandardOutputUrl: '',
    StandardErrorContent: finished ? invocation.stderr : '',
    StandardErrorUrl: '',
    CloudWatchOutputConfig: NO_CLOUDWATCH,
  };
}

/** The script's plugin, as ListCommandInvocations details it: the agent's combined, capped output once it has finished. */
function toPlugin(command: CommandRecord, invocation: InvocationRecord): CommandPlugin {
  const finished = isFinished(invocation);
  return {
    Name: PLUGIN_NAME,
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    ResponseCode: finished ? invocation.responseCode : -1,
    ResponseStartDateTime: invocation.startedAt === undefined ? undefined : new Date(invocation.startedAt),
    ResponseFinishDateTime: invocation.endedAt === undefined ? undefined : new Date(invocation.endedAt),
    Output: finished ? pluginOutput(invocation.stdout, invocation.stderr) : '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    OutputS3Region: command.region,
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
  };
}

/**
 * The `CommandInvocation` shape, as ListCommandInvocations returns it:
 * `InstanceName` empty and `CommandPlugins` empty unless `Details` asks for
 * them, as in the AWS CLI example and the wire dump of aws/aws-cli#3707; no
 * trace output member (`Trace` + `Output` in the model), which neither shows.
 */
export function toCommandInvocation(command: CommandRecord, invocation: InvocationRecord, details: boolean): CommandInvocation {
  return {
    CommandId: command.id,
    InstanceId: invocation.instanceId,
    InstanceName: '',
    Comment: command.comment ?? '',
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: new Date(invocation.createdAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details ? [toPlugin(command, invocation)] : [],
    ServiceRole: '',
    NotificationConfig: NO_NOTIFICATION,
    CloudWatchOutputConfig: NO_CLOUDWATCH,
  };
}
