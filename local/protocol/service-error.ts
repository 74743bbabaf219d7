import { isKind } from '../../functions/commons/is-kind';
import type { UnmodelledPart } from './modelled-input';

/**
 * An error the local cloud answers with, in the calling protocol's own form.
 * Mirrors AWS: a code the SDK maps to an exception, a message a person can act
 * on, the HTTP status, and whether the caller (Sender) or the service is at fault.
 */
export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly senderFault: boolean;

  constructor(code: string, message: string, status = 400, senderFault = true, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceError';
    this.code = code;
    this.status = status;
    this.senderFault = senderFault;
  }
}

export const missingParameter = (name: string): ServiceError =>
  new ServiceError('MissingParameter', `The request must contain the parameter ${name}`);

export const invalidParameterValue = (message: string): ServiceError =>
  new ServiceError('InvalidParameterValue', message);

export const invalidAction = (action: string, service: string): ServiceError =>
  new ServiceError('InvalidAction', `The action ${action} is not valid for this web service (${service}).`);

export const unknownParameter = (name: string): ServiceError =>
  new ServiceError('UnknownParameter', `The parameter ${name} is not recognized`);

export const requestTooLarge = (limit: number): ServiceError =>
  new ServiceError('RequestEntityTooLarge', `Request body exceeds the ${limit} byte limit`, 413);

export const malformedRequest = (message: string): ServiceError =>
  new ServiceError('MalformedQueryString', message);

/**
 * A request the local cloud refuses because it does not model part of it,
 * rather than answer success and ignore that part. The code is the one the
 * service answers a request it does not support with (each provider names it).
 */
export class UnmodelledParameter extends ServiceError {
  constructor(code: string, action: string, part: UnmodelledPart) {
    const what = part.value
      ? `${part.parameter}=${String(part.value.sent)} in ${action} (only ${part.value.modelled.map(String).join(' or ')})`
      : `the parameter ${part.parameter} of ${action}`;
    super(code, `The local cloud does not model ${what}, and refuses the request rather than ignore it.`);
    this.name = 'UnmodelledParameter';
  }
}

/** Wraps anything that is not a ServiceError, so the boundary always answers in AWS's form. */
export function asServiceError(error: unknown): ServiceError {
  if (isKind(error, ServiceError)) return error;
  const message = Error.isError(error) ? error.message : String(error);
  return new ServiceError('InternalError', `An internal error has occurred: ${message}`, 500, false);
}
