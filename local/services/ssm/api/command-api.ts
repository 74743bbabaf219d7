import type { GetCommandInvocationRequest, GetCommandInvocationResult, SendCommandRequest, SendCommandResult, Target } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { isOnline } from '../model/ssm-agents';
import { justSent } from '../model/command-progress';
import { isReadable, sendCommand } from '../model/commands';
import { managedNodes } from '../model/managed-nodes';
import { isRunShellScript, runShellScriptParameters } from '../model/run-shell-script-document';
import type { SsmContext } from '../model/ssm-context';
import { PLUGIN_NAME, toCommand, toInvocationResult } from './command-shapes';
import { Constraints, invalidCommandId, isCommandId, notInValidState, requirePresent, requireRange, validationError } from './ssm-validation';

const DEFAULT_TIMEOUT_SECONDS = 3600;
const MAX_INSTANCE_IDS = 50;
const DOCUMENT_VERSIONS = ['$DEFAULT', '$LATEST', '1'];

/** The nodes a command goes to: the ids asked for, or the managed nodes its targets (ids or tags) select. */
function targetIds(context: SsmContext, region: string, input: SendCommandRequest): string[] {
  const ids = input.InstanceIds ?? [];
  const targets = input.Targets ?? [];
  if (ids.length > 0 && targets.length > 0) throw new ServiceError('InvalidParameters', 'InstanceIds and Targets cannot be used in the same request.');
  if (ids.length === 0 && targets.length === 0) throw new ServiceError('InvalidParameters', 'A command needs InstanceIds or Targets.');
  if (ids.length > MAX_INSTANCE_IDS) throw validationError(`Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INSTANCE_IDS}`);
  if (ids.length > 0) return [...new Set(ids)];
  return managedNodes(context, region)
    .filter((instance) => targets.every((target) => selects(target, instance.id, instance.tags)))
    .map((instance) => instance.id);
}

function selects(target: Target, instanceId: string, tags: Readonly<Record<string, string>>): boolean {
  const key = target.Key ?? '';
  const values = target.Values ?? [];
  if (key === 'InstanceIds') return values.includes(instanceId);
  if (key.startsWith('tag:')) {
    const value = tags[key.slice(4)];
    return value !== undefined && values.includes(value);
  }
  if (key === 'tag-key') return values.some((value) => Object.hasOwn(tags, value));
  throw new ServiceError('InvalidParameters', `Target key ${key} is not supported: use InstanceIds, tag:<key> or tag-key.`);
}

/** Run Command: `AWS-RunShellScript` on managed nodes, answered by the network model. */
export function commandOperations(context: SsmContext): Record<string, Operation> {
  return {
    SendCommand: operation(
      {
        DocumentName: true,
        DocumentVersion: true,
        InstanceIds: true,
        Targets: { Key: true, Values: true },
        Parameters: true,
        Comment: true,
        TimeoutSeconds: true,
      },
      (input: SendCommandRequest, request: RequestContext): SendCommandResult => {
        const documentName = requirePresent(input.DocumentName, 'documentName');
        // `Comment`: "Length Constraints: Maximum length of 100" (SSM API Reference, SendCommand); the history lists it as sent.
        new Constraints().length(input.Comment, 'comment', 0, 100).check();
        if (!isRunShellScript(documentName)) throw new ServiceError('InvalidDocument', `Document with name ${documentName} does not exist.`);
        if (input.DocumentVersion !== undefined && !DOCUMENT_VERSIONS.includes(input.DocumentVersion)) {
          throw new ServiceError('InvalidDocumentVersion', `Document ${documentName} has no version ${input.DocumentVersion}.`);
        }
        runShellScriptParameters(input.Parameters);
        requireRange(input.TimeoutSeconds, 'timeoutSeconds', 30, 2592000);
        const instanceIds = targetIds(context, request.region, input);
        const instances = context.network.ec2.tables.instances;
        const offline = instanceIds.filter((id) => {
          const instance = instances.get(id);
          return instance?.region !== request.region || !isOnline(context, instance);
        });
        if (offline.length > 0) throw notInValidState(offline, request.accountId);
        const { command } = sendCommand(context, request.region, {
          documentName,
          comment: input.Comment,
          parameters: input.Parameters ?? {},
          instanceIds,
          targets: (input.Targets ?? []).map((target) => ({ key: target.Key ?? '', values: target.Values ?? [] })),
          timeoutSeconds: input.TimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
          // Every node runs the command at once and each error is reported, not counted: concurrency and error
          // controls are not modelled, and the command shows SSM's defaults ("The default value is 50", "The
          // default value is 0", SSM API Reference, SendCommand MaxConcurrency and MaxErrors).
          maxConcurrency: '50',
          maxErrors: '0',
        });
        return { Command: toCommand(command, justSent(command)) };
      },
    ),

    GetCommandInvocation: operation(
      { CommandId: true, InstanceId: true, PluginName: true },
      (input: GetCommandInvocationRequest, request: RequestContext): GetCommandInvocationResult => {
        const commandId = requirePresent(input.CommandId, 'commandId');
        const instanceId = requirePresent(input.InstanceId, 'instanceId');
        if (!isCommandId(commandId)) throw invalidCommandId(commandId);
        if (input.PluginName !== undefined && input.PluginName !== PLUGIN_NAME) throw new ServiceError('InvalidPluginName', `The plugin name ${input.PluginName} is not valid.`);
        const invocation = context.tables.invocations.get(`${commandId}/${instanceId}`);
        const command = context.tables.commands.get(commandId);
        // Right after SendCommand the invocation may not be readable yet (eventual consistency, when a test injects it).
        if (!invocation || !command || invocation.region !== request.region || !isReadable(context, invocation.createdAt)) {
          throw new ServiceError('InvocationDoesNotExist', 'An invocation with the given command ID and instance ID does not exist.');
        }
        return toInvocationResult(command, invocation);
      },
    ),
  };
}
