import type { CommandFilter, ListCommandInvocationsRequest, ListCommandInvocationsResult, ListCommandsRequest, ListCommandsResult } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { asksForPending, COMMAND_FILTER_KEYS, commandFilters, type HistoryListing } from '../model/command-filters';
import { commandProgress, invocationsOf, isFinished } from '../model/command-progress';
import { isReadable } from '../model/commands';
import type { SsmContext } from '../model/ssm-context';
import type { CommandRecord } from '../model/ssm-records';
import { toCommand, toCommandInvocation } from './command-shapes';
import { Constraints, historyPage, invalidCommandId, isCommandId, notInValidState, type Placed } from './ssm-validation';

/**
 * Run Command's history: ListCommands and ListCommandInvocations, newest
 * first (as list-commands prints them, AWS CLI example; the invocations of
 * aws/aws-cli#3707 by falling RequestedDateTime), from the command and
 * invocation records SendCommand keeps. A command's status and counts are
 * read from its invocations when listed, so keeping the history costs the
 * other calls nothing: each record is read by its key (a command's
 * invocations by `<commandId>/<instanceId>`), and only a listing walks the
 * commands.
 *
 * LIMITATIONS: no retention period is modelled: the history lasts as long
 * as the cloud's state. Invocations of one command, made together, are
 * listed in the reverse order of its instance ids.
 */

/** `CommandMaxResults`: 1 to 50 (botocore ssm/2014-11-06 service-2.json; SSM API Reference, ListCommands "Valid Range"), 50 when not given. */
const MAX_RESULTS = { min: 1, max: 50 };

/** `InstanceId` of the service model, and as its messages quote it. */
const INSTANCE_ID = /(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)/;
const INSTANCE_ID_WRITTEN = '(^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)';

/**
 * The request's constraints, as the service model states them (botocore
 * ssm/2014-11-06 service-2.json; SSM API Reference, ListCommands and
 * ListCommandInvocations "Request Parameters", CommandFilter): `CommandId` of
 * exactly 36 characters, `InstanceId` of its pattern, `MaxResults` 1 to 50, 1
 * to 5 filters, each with a `key` of the `CommandFilterKey` enum and a
 * `value` of 1 to 128 characters. SSM checks enum members in its request
 * validation ("Member must satisfy enum value set: [SecureString, StringList,
 * String]" for PutParameter's Type, aws/aws-cli#3116): a key outside the
 * enum is a ValidationException, not InvalidFilterKey.
 */
function validate(input: ListCommandsRequest): void {
  const filters = input.Filters;
  const constraints = new Constraints()
    .length(input.CommandId, 'commandId', 36, 36)
    .pattern(input.InstanceId, 'instanceId', INSTANCE_ID, INSTANCE_ID_WRITTEN)
    .range(input.MaxResults, 'maxResults', MAX_RESULTS.min, MAX_RESULTS.max)
    .count(
      filters,
      (filters ?? []).map((filter) => `key=${filter.key},value=${filter.value}`),
      'filters',
      1,
      5,
    );
  for (const [index, filter] of (filters ?? []).entries()) {
    const member = `filters.${index + 1}.member`;
    constraints.present(filter.key, `${member}.key`).oneOf(filter.key, `${member}.key`, COMMAND_FILTER_KEYS);
    constraints.present(filter.value, `${member}.value`).length(filter.value, `${member}.value`, 1, 128);
  }
  constraints.check();
}

/** The filters of a valid request; Status `Pending` with an instance is refused: "You can't specify a managed node ID in the same command that you specify Status = Pending" (ListCommands, InstanceId). */
function filtersOf(listing: HistoryListing, input: ListCommandsRequest) {
  const filters: readonly CommandFilter[] = input.Filters ?? [];
  const matches = commandFilters(listing, filters);
  if (input.InstanceId !== undefined && asksForPending(filters)) {
    throw new ServiceError('ValidationException', "A managed node ID can't be specified when a command status is Pending, because the command hasn't run on the node yet.");
  }
  return matches;
}

/** The region's commands that can be read, newest first, each placed by its position among all commands (none is ever deleted). */
function commandHistory(context: SsmContext, region: string): Placed<CommandRecord>[] {
  const all = context.tables.commands.all();
  const history: Placed<CommandRecord>[] = [];
  for (let index = all.length - 1; index >= 0; index--) {
    const command = all[index] as CommandRecord;
    if (command.region === region && isReadable(context, command.requestedAt)) history.push({ place: [index], item: command });
  }
  return history;
}

/**
 * The commands a request lists from: the one its CommandId names (read by
 * its key), or the region's history. An id SSM could not have made, or one
 * of no command here, is InvalidCommandId ("The specified command ID isn't
 * valid", as moto answers ListCommands for an unknown id).
 */
function commandsOf(context: SsmContext, region: string, commandId: string | undefined): Placed<CommandRecord>[] {
  if (commandId === undefined) return commandHistory(context, region);
  const command = isCommandId(commandId) ? context.tables.commands.get(commandId) : undefined;
  if (!command || command.region !== region || !isReadable(context, command.requestedAt)) throw invalidCommandId(commandId);
  return [{ place: [0], item: command }];
}

/**
 * Refuses an instance id the region has never had (InvalidInstanceId, whose
 * causes begin "You don't have permission to access the managed node",
 * ListCommands Errors); an instance that is gone but has commands in the
 * history is still listed.
 */
function requireKnownInstance(context: SsmContext, request: RequestContext, instanceId: string | undefined, commands: readonly Placed<CommandRecord>[]): void {
  if (instanceId === undefined) return;
  if (context.network.ec2.tables.instances.get(instanceId)?.region === request.region) return;
  if (commands.some(({ item }) => item.instanceIds.includes(instanceId))) return;
  throw notInValidState([instanceId], request.accountId);
}

export function commandHistoryOperations(context: SsmContext): Record<string, Operation> {
  return {
    ListCommands: operation(
      { CommandId: true, InstanceId: true, MaxResults: true, NextToken: true, Filters: { key: true, value: true } },
      (input: ListCommandsRequest, request: RequestContext): ListCommandsResult => {
        validate(input);
        const matches = filtersOf('ListCommands', input);
        const commands = commandsOf(context, request.region, input.CommandId);
        requireKnownInstance(context, request, input.InstanceId, commands);
        const listed = commands.flatMap(({ place, item: command }) => {
          if (input.InstanceId !== undefined && !command.instanceIds.includes(input.InstanceId)) return [];
          const progress = commandProgress(command, invocationsOf(context, command));
          const finished = progress.status !== 'Pending' && progress.status !== 'InProgress';
          const { requestedAt, documentName } = command;
          return matches({ requestedAt, documentName, status: progress.status, statusDetails: progress.statusDetails, finished }) ? [{ place, item: { command, progress } }] : [];
        });
        const page = historyPage(listed, input.MaxResults ?? MAX_RESULTS.max, input.NextToken, 'ListCommands');
        return { Commands: page.items.map(({ command, progress }) => toCommand(command, progress)), NextToken: page.nextToken };
      },
    ),

    ListCommandInvocations: operation(
      { CommandId: true, InstanceId: true, MaxResults: true, NextToken: true, Filters: { key: true, value: true }, Details: true },
      (input: ListCommandInvocationsRequest, request: RequestContext): ListCommandInvocationsResult => {
        validate(input);
        const matches = filtersOf('ListCommandInvocations', input);
        const commands = commandsOf(context, request.region, input.CommandId);
        requireKnownInstance(context, request, input.InstanceId, commands);
        const details = input.Details === true;
        const listed = commands.flatMap(({ place, item: command }) =>
          invocationsOf(context, command)
            .map((invocation, index) => ({ place: [...place, index], invocation }))
            .reverse()
            .filter(({ invocation }) => input.InstanceId === undefined || invocation.instanceId === input.InstanceId)
            .filter(({ invocation }) => {
              const { createdAt: requestedAt, status, statusDetails } = invocation;
              return matches({ requestedAt, documentName: command.documentName, status, statusDetails, finished: isFinished(invocation) });
            })
            .map(({ place: invocationPlace, invocation }) => ({ place: invocationPlace, item: { command, invocation } })),
        );
        const page = historyPage(listed, input.MaxResults ?? MAX_RESULTS.max, input.NextToken, 'ListCommandInvocations');
        return { CommandInvocations: page.items.map(({ command, invocation }) => toCommandInvocation(command, invocation, details)), NextToken: page.nextToken };
      },
    ),
  };
}
