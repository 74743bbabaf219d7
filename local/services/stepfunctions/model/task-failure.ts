import { randomUUID } from 'node:crypto';
import type { ServiceError } from '../../../protocol/service-error';

/**
 * A Task that failed: `name` is the error its Retry and Catch match,
 * `message` the Cause (aws-local-stepfunctions reads both from the thrown error).
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** A refused service call made by a Task, named as Step Functions names them (`StepFunctions.ExecutionAlreadyExistsException`). */
export const serviceCallFailure = (service: string, error: ServiceError): TaskFailure =>
  new TaskFailure(
    `${service}.${error.code.endsWith('Exception') ? error.code : `${error.code}Exception`}`,
    `${error.message} (Service: AWS${service}; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`,
  );
