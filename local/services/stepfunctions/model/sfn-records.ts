import type { ExecutionStatus, HistoryEvent } from '@aws-sdk/client-sfn';

/** One execution, kept in the cloud's state so it is listed (and its history read) after a restart. */
export interface ExecutionRecord {
  /** The execution ARN. */
  readonly id: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** The input as given (a JSON text). */
  readonly input: string;
  /** Epoch milliseconds. */
  readonly startDate: number;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** States entered and retries attempted: Step Functions' billing unit (each retry is billed as a transition), counted for the benchmark. */
  stateTransitions: number;
  /** Lambda invocations made by this execution's Task states (not its children's). */
  lambdaInvocations: number;
  /** Set when a `startExecution.sync:2` Task of another execution started this one. */
  readonly parentExecutionArn?: string;
}

/** A history event as stored: the SDK's shape with the timestamp in epoch milliseconds. */
export type StoredHistoryEvent = Omit<HistoryEvent, 'timestamp'> & { readonly timestamp: number };
