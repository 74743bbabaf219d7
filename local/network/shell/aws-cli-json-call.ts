import { createHmac } from 'node:crypto';
import type { RoleSessionCredentials } from '../../cloud/instance-services';
import { outcome, type CommandContext, type CommandOutcome } from './shell-command';

/** One call of a JSON-protocol service as the AWS CLI makes it. */
export interface JsonApiCall {
  /** The signing name, which is also the endpoint's prefix. */
  readonly service: string;
  readonly region: string;
  readonly targetPrefix: string;
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** "The default value for the maximum attempts … is 3" in standard mode, the AWS CLI v2 default (AWS CLI User Guide, "AWS CLI retries"). */
const MAX_ATTEMPTS = 3;
/** What one attempt takes on the wire, TLS included. */
export const CALL_SECONDS = 0.3;
/**
 * What standard mode retries, and after how long (botocore/retries/standard.py):
 * the throttling codes of `ThrottlingErrorDetector`, the transient codes and
 * statuses of `TransientRetryableChecker`, each retry after `rand(0, 1) *
 * min(2 ** (attempt - 1), 20)` seconds (`ExponentialBackoff`), taken at its mean.
 */
const RETRYABLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const meanBackoffSeconds = (attempt: number): number => Math.min(2 ** (attempt - 1), 20) / 2;

const amzDate = (at: number): string => new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * The request as the CLI signs it with SigV4: the credential scope names the
 * service and the region, which is how the local cloud routes it; the
 * signature stands for the real one, which the local cloud does not check.
 */
function signedHeaders(call: JsonApiCall, credentials: RoleSessionCredentials, body: string, at: number): Record<string, string> {
  const date = amzDate(at);
  const scope = `${date.slice(0, 8)}/${call.region}/${call.service}/aws4_request`;
  const signature = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(`${date}\n${scope}\n${body}`).digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=${signature}`,
    'content-type': 'application/x-amz-json-1.1',
    host: `${call.service}.${call.region}.amazonaws.com`,
    'x-amz-date': date,
    'x-amz-security-token': credentials.sessionToken,
    'x-amz-target': `${call.targetPrefix}.${call.operation}`,
  };
}

/** The error code of a JSON error body: `__type`, less any namespace (`com.amazonaws…#Code`). */
const errorOf = (body: string): { code: string; message: string } => {
  const parsed = JSON.parse(body) as { __type?: string; message?: string; Message?: string };
  return { code: (parsed.__type ?? 'Unknown').split('#').at(-1) ?? 'Unknown', message: parsed.message ?? parsed.Message ?? '' };
};

/**
 * Sends the call through the cloud's own API, as the instance, with the
 * retries of the CLI's standard mode, and prints what the CLI prints: the
 * response as JSON (`--output json`, the default, 4-space indent), or
 * "An error occurred (Code) when calling the Op operation: message" after a
 * blank line, with " (reached max retries: N)" once retries ran out
 * (botocore/exceptions.py, `ClientError`), exit 254 ("254: The command
 * successfully parsed and a request was made to the specified service but
 * the service returned an error", AWS CLI User Guide, "Command line return codes").
 */
export function sendJsonCall(context: CommandContext, call: JsonApiCall, credentials: RoleSessionCredentials): CommandOutcome {
  const body = JSON.stringify(call.input);
  let seconds = 0;
  for (let attempt = 1; ; attempt++) {
    const sentAt = context.at + context.view.clock.scaled(seconds);
    const answer = context.effects.instanceServices.send({ headers: signedHeaders(call, credentials, body, sentAt), body, sentAt });
    seconds += CALL_SECONDS;
    if (answer.status === 200) return outcome({ stdout: `${JSON.stringify(JSON.parse(answer.body), undefined, 4)}\n`, seconds });
    const { code, message } = errorOf(answer.body);
    const retryable = RETRYABLE_CODES.has(code) || RETRYABLE_STATUS.has(answer.status);
    if (retryable && attempt < MAX_ATTEMPTS) {
      seconds += meanBackoffSeconds(attempt);
      continue;
    }
    const retries = retryable ? ` (reached max retries: ${attempt - 1})` : '';
    return outcome({ stderr: `\nAn error occurred (${code}) when calling the ${call.operation} operation${retries}: ${message}\n`, status: 254, seconds });
  }
}
