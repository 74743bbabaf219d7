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

/**
 * The failure SendTaskFailure reports, with its `error` and `cause` as sent.
 * Both are optional: AWS then writes a TaskFailed without them, and a Catch
 * of States.ALL hands on `{"Error": null, "Cause": null}` (LocalStack's
 * AWS-recorded tests/aws/services/stepfunctions/v2/callback/test_callback.snapshot.json,
 * test_sqs_failure_in_wait_for_task_tok_no_error_field).
 */
export function callbackFailure(error: string | undefined, cause: string | undefined): TaskFailure {
  const failure = new TaskFailure(error ?? '', cause ?? '');
  // aws-local-stepfunctions reads a Catch's Error and Cause from `name` and `message`: null is what AWS hands on.
  if (error === undefined) Object.defineProperty(failure, 'name', { value: null });
  if (cause === undefined) Object.defineProperty(failure, 'message', { value: null });
  return failure;
}

/**
 * A callback Task whose run stopped waiting for it (see CallbackOutcome):
 * neither retried nor caught (aws-local-stepfunctions reads `isRetryable`
 * and `isCatchable`), so the abandoned run ends rather than goes on.
 */
export class TaskAbandoned extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor() {
    super('The run no longer waits for this task');
    this.name = 'States.Runtime';
  }
}
