/** What a Task state's `Resource` asks for, among what the local runtime can run. */
export type TaskTarget =
  | { readonly kind: 'lambda'; readonly functionArn: string }
  | { readonly kind: 'startExecution.sync:2' }
  | { readonly kind: 'lambda:invoke.waitForTaskToken' };

export const START_EXECUTION_SYNC_2 = 'arn:aws:states:::states:startExecution.sync:2';

/**
 * The optimized Lambda integration with the callback pattern: the function is
 * invoked with `Parameters.Payload` and the Task waits for SendTaskSuccess or
 * SendTaskFailure with its token ("Wait for a Callback with Task Token",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token).
 */
export const LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

const LAMBDA_FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;

export const SUPPORTED_RESOURCES = `a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), ${START_EXECUTION_SYNC_2} or ${LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN}`;

/** The target of a Task resource, or undefined for one the local runtime cannot run. */
export function taskTarget(resource: string): TaskTarget | undefined {
  if (resource === START_EXECUTION_SYNC_2) return { kind: 'startExecution.sync:2' };
  if (resource === LAMBDA_INVOKE_WAIT_FOR_TASK_TOKEN) return { kind: 'lambda:invoke.waitForTaskToken' };
  if (LAMBDA_FUNCTION_ARN.test(resource)) return { kind: 'lambda', functionArn: resource };
  return undefined;
}
