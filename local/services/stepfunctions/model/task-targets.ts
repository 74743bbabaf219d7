/** What a Task state's `Resource` asks for, among what the local runtime can run. */
export type TaskTarget = { readonly kind: 'lambda'; readonly functionArn: string } | { readonly kind: 'startExecution.sync:2' };

export const START_EXECUTION_SYNC_2 = 'arn:aws:states:::states:startExecution.sync:2';

const LAMBDA_FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;

export const SUPPORTED_RESOURCES = `a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>) or ${START_EXECUTION_SYNC_2}`;

/** The target of a Task resource, or undefined for one the local runtime cannot run. */
export function taskTarget(resource: string): TaskTarget | undefined {
  if (resource === START_EXECUTION_SYNC_2) return { kind: 'startExecution.sync:2' };
  if (LAMBDA_FUNCTION_ARN.test(resource)) return { kind: 'lambda', functionArn: resource };
  return undefined;
}
