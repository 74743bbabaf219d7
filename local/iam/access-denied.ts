import { ServiceError } from '../protocol/service-error';
import type { Refusal } from './iam-authorizer';

/** What IAM says of a refusal, as AWS words it when no policy allows the action. */
const because = ({ principal, request }: Refusal, reason = `no identity-based policy allows the ${request.action} action`): string =>
  `User: ${principal.arn} is not authorized to perform: ${request.action} on resource: ${request.resource} because ${reason}`;

/**
 * The authorization context, in the shape STS DecodeAuthorizationMessage
 * returns it (STS API Reference, DecodeAuthorizationMessage, example
 * response): whether it was allowed, which statements matched, and the
 * request's principal, action, resource and condition keys.
 */
export function encodedAuthorizationMessage({ principal, request }: Refusal): string {
  const decoded = {
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: principal.arn.split('/').slice(-2).join(':'), arn: principal.arn },
      action: request.action,
      resource: request.resource,
      conditions: { items: Object.entries(request.context).map(([key, value]) => ({ key, values: { items: [value].flat().map((item) => ({ value: item })) } })) },
    },
  };
  return Buffer.from(JSON.stringify(decoded)).toString('base64url');
}

/**
 * A call IAM refused, in its service's own form, each naming the action and
 * the resource: EC2's UnauthorizedOperation with the encoded authorization
 * message, "an HTTP 403 response" (STS API Reference,
 * DecodeAuthorizationMessage; the wire log in rebuy-de/aws-nuke#517 shows
 * `HTTP/1.1 403 Forbidden`); ELBv2's AccessDenied, 403 as the SDK reports it
 * (aws-load-balancer-controller#3399, "status code: 403"); the JSON services'
 * AccessDeniedException, HTTP 400 ("Common Errors", AWS API references).
 */
export function accessDenied(signingName: string, refusal: Refusal, reason?: string): ServiceError {
  if (signingName === 'ec2') {
    return new ServiceError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. ${because(refusal, reason)}. Encoded authorization failure message: ${encodedAuthorizationMessage(refusal)}`,
      403,
    );
  }
  if (signingName === 'elasticloadbalancing' || signingName === 'sts') return new ServiceError('AccessDenied', because(refusal, reason), 403);
  return new ServiceError('AccessDeniedException', because(refusal, reason), 400);
}
