import type { DescribeExecutionOutput, ExecutionListItem, HistoryEvent, IncludedData } from '@aws-sdk/client-sfn';
import type { ExecutionRecord, StoredHistoryEvent } from '../model/sfn-records';

const INCLUDED = { included: true } as const;

/** The `includedData` an answer here can honour: all of it; leaving out what a KMS key encrypts (`METADATA_ONLY`) is not modelled. */
export const INCLUDED_DATA: readonly IncludedData[] = ['ALL_DATA'];

const date = (epochMs: number | undefined): Date | undefined => (epochMs === undefined ? undefined : new Date(epochMs));

export const executionListItem = (record: ExecutionRecord): ExecutionListItem => ({
  executionArn: record.id,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: new Date(record.startDate),
  stopDate: date(record.stopDate),
});

export const describeExecutionShape = (record: ExecutionRecord): DescribeExecutionOutput => ({
  ...executionListItem(record),
  input: record.input,
  inputDetails: INCLUDED,
  output: record.output,
  outputDetails: record.output === undefined ? undefined : INCLUDED,
  error: record.error,
  cause: record.cause,
});

/** Execution data (inputs and outputs) left out when the caller asks for the history without it. */
const withoutData = (details: unknown): unknown => {
  if (typeof details !== 'object' || details === null) return details;
  const { input: _input, output: _output, parameters: _parameters, ...rest } = details as Record<string, unknown>;
  return rest;
};

export function historyEventShape(event: StoredHistoryEvent, includeExecutionData: boolean): HistoryEvent {
  const shaped: Record<string, unknown> = { ...event, timestamp: new Date(event.timestamp) };
  if (!includeExecutionData) for (const key of Object.keys(shaped)) if (key.endsWith('EventDetails')) shaped[key] = withoutData(shaped[key]);
  return shaped as unknown as HistoryEvent;
}
