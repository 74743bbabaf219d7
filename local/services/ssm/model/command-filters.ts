import type { CommandFilter, CommandFilterKey } from '@aws-sdk/client-ssm';
import { ServiceError } from '../../../protocol/service-error';

/** The two listings of Run Command's history, which take the same `CommandFilter`s with different values. */
export type HistoryListing = 'ListCommands' | 'ListCommandInvocations';

/** What a filter reads of a command, or of one invocation of it. */
export interface Filtered {
  /** When the command was requested (epoch ms): an invocation's `RequestedDateTime` is its command's. */
  readonly requestedAt: number;
  readonly documentName: string;
  readonly status: string;
  readonly statusDetails: string;
  readonly finished: boolean;
}

export type FilterMatch = (filtered: Filtered) => boolean;

/** `CommandFilterKey` of the service model, in its order (the values AWS's request validation accepts). */
export const COMMAND_FILTER_KEYS: readonly CommandFilterKey[] = ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'];

/**
 * The Status values each listing takes ("The status values you can specify
 * for ListCommands are: …", "… for ListCommandInvocations are: …", SSM API
 * Reference, CommandFilter `value`). A value matches a command or invocation
 * whose Status or StatusDetails it is: `TimedOut` "includes both Delivery and
 * Execution time outs", the others are StatusDetails values.
 */
const STATUS_VALUES: Readonly<Record<HistoryListing, readonly string[]>> = {
  ListCommands: ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'AccessDenied', 'DeliveryTimedOut', 'ExecutionTimedOut', 'Incomplete', 'NoInstancesInTag', 'LimitExceeded'],
  ListCommandInvocations: [
    'Pending',
    'InProgress',
    'Delayed',
    'Success',
    'Cancelled',
    'Failed',
    'TimedOut',
    'AccessDenied',
    'DeliveryTimedOut',
    'ExecutionTimedOut',
    'Undeliverable',
    'InvalidPlatform',
    'Terminated',
  ],
};

/** ExecutionStage: `Executing` "command executions that are currently still running", `Complete` "that have already completed" (CommandFilter). */
const EXECUTION_STAGES: Readonly<Record<string, boolean>> = { Executing: false, Complete: true };

/** ISO 8601, as "Reference: Date and time string formats for Systems Manager" (User Guide) writes it: `2024-05-08T15:16:43Z`; a time needs its zone. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * A value the filter's key cannot take. SSM has this error for filter
 * values ("The filter value isn't valid. Verify the value and try again.",
 * the InvalidFilterValue shape of botocore's ssm/2014-11-06 model, answered
 * by DescribeParameters and GetParametersByPath); the two listings' error
 * lists do not name it, and no source records what they answer instead.
 */
const invalidValue = (key: string, value: string): ServiceError => new ServiceError('InvalidFilterValue', `The filter value ${value} is not valid for the filter key ${key}.`);

function timestamp(key: string, value: string): number {
  const at = ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) throw invalidValue(key, value);
  return at;
}

/**
 * The matcher of one filter, its key one of the model's (the caller has
 * validated the request). InvokedAfter takes what was requested at the time
 * given and later ("occurring July 7, 2021, and later"), InvokedBefore what
 * was requested before it (CommandFilter `value`).
 */
function matcher(listing: HistoryListing, key: CommandFilterKey, value: string): FilterMatch {
  switch (key) {
    case 'InvokedAfter': {
      const after = timestamp(key, value);
      return ({ requestedAt }) => requestedAt >= after;
    }
    case 'InvokedBefore': {
      const before = timestamp(key, value);
      return ({ requestedAt }) => requestedAt < before;
    }
    case 'Status':
      if (!STATUS_VALUES[listing].includes(value)) throw invalidValue(key, value);
      return ({ status, statusDetails }) => status === value || statusDetails === value;
    case 'DocumentName':
      return ({ documentName }) => documentName === value;
    case 'ExecutionStage': {
      // "The ExecutionStage filter can't be used with the ListCommandInvocations operation, only with ListCommands" (CommandFilter `key`).
      if (listing !== 'ListCommands') throw new ServiceError('InvalidFilterKey', 'The ExecutionStage filter can only be used with ListCommands.');
      const complete = Object.hasOwn(EXECUTION_STAGES, value) ? EXECUTION_STAGES[value] : undefined;
      if (complete === undefined) throw invalidValue(key, value);
      return ({ finished }) => finished === complete;
    }
    default:
      throw new ServiceError('InvalidFilterKey', `The filter key ${String(key)} is not valid.`);
  }
}

/**
 * One matcher for all the filters of a request: an item is listed when it
 * matches every one (a filter narrows the list, "Use a filter to return a
 * more specific list of results"; no source says two filters of one key
 * widen it, so they narrow it too).
 */
export function commandFilters(listing: HistoryListing, filters: readonly CommandFilter[]): FilterMatch {
  const matchers = filters.map((filter) => matcher(listing, filter.key as CommandFilterKey, filter.value ?? ''));
  return (filtered) => matchers.every((matches) => matches(filtered));
}

/** Whether the filters ask for Pending items, which no instance has seen yet. */
export const asksForPending = (filters: readonly CommandFilter[]): boolean => filters.some((filter) => filter.key === 'Status' && filter.value === 'Pending');
