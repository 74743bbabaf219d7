import { ServiceError } from '../../../protocol/service-error';

export const stateMachineDoesNotExist = (arn: string): ServiceError => new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

export const executionDoesNotExist = (arn: string): ServiceError => new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

export const executionAlreadyExists = (arn: string): ServiceError => new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);

export const invalidExecutionInput = (reason: string): ServiceError =>
  new ServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${reason}'`);

export const invalidName = (name: string): ServiceError => new ServiceError('InvalidName', `Invalid Name: '${name}'`);

/**
 * A task token this service never issued: AWS's answer to SendTaskSuccess and
 * SendTaskFailure with the token `NoSuchTaskToken` is "Invalid Token: 'Invalid
 * token'" (LocalStack's AWS-recorded snapshot,
 * tests/aws/services/stepfunctions/v2/services/test_aws_sdk_task_service.snapshot.json,
 * test_sfn_send_task_outcome_with_no_such_token).
 */
export const invalidTaskToken = (): ServiceError => new ServiceError('InvalidToken', "Invalid Token: 'Invalid token'");

/**
 * A token of a task that has ended: timed out, already answered, or of an
 * execution that is no longer running. "The task token has either expired or
 * the task associated with the token has already been closed." (API
 * Reference, SendTaskSuccess, Errors.) AWS's message for a callback after
 * the task's timeout and for a second callback on the same token is "Task
 * Timed Out: 'Provided task does not exist anymore'" (the SDK errors shown in
 * andybalham/blog-task-tokens-part-2, README); an AWS Professional Services
 * sample reads that message on SendTaskHeartbeat as "Step functions execution
 * is thought to be stopped" (aws.proserve.bcs.dr.dynamo ProcessorFactory).
 */
export const taskTimedOut = (): ServiceError => new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");

/**
 * A well-formed token that names no task of a running execution. The API
 * Reference lists TaskDoesNotExist without a message, and no record of AWS's
 * wording was found: this one follows the service's `<Error words>: '<detail>'`.
 */
export const taskDoesNotExist = (): ServiceError => new ServiceError('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist'");

/**
 * "The provided JSON output data is not valid." (API Reference,
 * SendTaskSuccess, InvalidOutput.) No record of AWS's wording was found; this
 * follows InvalidExecutionInput's form, with the parser's reason.
 */
export const invalidOutput = (reason: string): ServiceError => new ServiceError('InvalidOutput', `Invalid Output: '${reason}'`);
