import { randomUUID } from 'node:crypto';

/**
 * What the optimized Lambda integration (`arn:aws:states:::lambda:invoke`)
 * returns for a synchronous invocation: the Invoke response with the
 * function's result as `Payload` (JSON, not a string), its status code and
 * version, and the SDK's HTTP metadata, each header once as a list and once
 * as a value (LocalStack's AWS-recorded
 * tests/aws/services/stepfunctions/v2/services/test_lambda_task_service.snapshot.json).
 * No X-Ray trace header: the local cloud does not trace.
 */
export function lambdaInvokeResponse(payload: unknown, date: Date) {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(payload ?? null))),
    'Content-Type': 'application/json',
    Date: date.toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
