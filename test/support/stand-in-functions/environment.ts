import type { Context } from 'aws-lambda';

/** Stand-in function: answers what Lambda gave it, its environment and its context. */
export const handler = async (_event: unknown, context: Context) => ({
  env: {
    AWS_REGION: process.env.AWS_REGION,
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
    AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
    CONNECTION_TOPIC_ARN: process.env.CONNECTION_TOPIC_ARN,
    ACCEPT_ALLOWED_OWNERS: process.env.ACCEPT_ALLOWED_OWNERS,
    ACCEPT_GRACE_SECONDS: process.env.ACCEPT_GRACE_SECONDS,
    LAB_SETTING: process.env.LAB_SETTING,
    hasCredentials: Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY),
  },
  context: {
    functionName: context.functionName,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    awsRequestId: context.awsRequestId,
    logGroupName: context.logGroupName,
    remainingMs: context.getRemainingTimeInMillis(),
  },
});
