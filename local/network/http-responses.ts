import type { AwsServiceHost } from './aws-service-hosts';

/** An HTTP response as the client receives it. */
export interface HttpResponse {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

const httpDate = (now: number): string => new Date(now).toUTCString();

function response(status: number, reason: string, now: number, body: string, headers: readonly (readonly [string, string])[]): HttpResponse {
  return { status, reason, body, headers: [['Date', httpDate(now)], ...headers, ['Content-Length', String(Buffer.byteLength(body))]] };
}

/** What a lab web server (httpd serving its user data's page) answers. */
export const webPageResponse = (page: string, now: number): HttpResponse => response(200, 'OK', now, page, [['Content-Type', 'text/html; charset=UTF-8']]);

/**
 * What an AWS endpoint answers to an unsigned request, which is all curl
 * sends: S3 redirects its root to the product page and denies anything else,
 * DynamoDB answers its health check, other services know no such resource.
 */
export function awsEndpointResponse(target: AwsServiceHost, path: string, now: number): HttpResponse {
  if (target.service === 's3') {
    if (path === '/') return response(307, 'Temporary Redirect', now, '', [['Location', 'https://aws.amazon.com/s3/'], ['Server', 'AmazonS3']]);
    const denied = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
    return response(403, 'Forbidden', now, denied, [['Content-Type', 'application/xml'], ['Server', 'AmazonS3']]);
  }
  if (target.service === 'dynamodb') {
    return response(200, 'OK', now, `healthy: dynamodb.${target.region}.amazonaws.com `, [['Content-Type', 'text/plain'], ['Server', 'Server']]);
  }
  return response(404, 'Not Found', now, '', [['Server', 'Server']]);
}
