import { ServiceError } from '../../../protocol/service-error';

/**
 * ELBv2's refusals, with the codes its API answers (the SDK maps each to its
 * `…Exception`) and the messages it writes.
 */
export const validationError = (message: string): ServiceError => new ServiceError('ValidationError', message);

/**
 * What ELBv2 answers a request it cannot act on with: "The input fails to satisfy the constraints specified by an
 * AWS service" (Elastic Load Balancing API Reference, Common Errors, ValidationError), the one validation error every
 * action may answer. The local cloud refuses a parameter it does not model with it.
 */
export const UNMODELLED_PARAMETER_CODE = 'ValidationError';

/** What ELBv2 says for a required member that is absent (its generic validation message). */
export const missingMember = (member: string): ServiceError =>
  validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);

/** A required member's value, refused as ELBv2 refuses an absent one. */
export function requireMember<T>(value: T | undefined, member: string): T {
  if (value === undefined || value === '') throw missingMember(member);
  return value;
}

/** A value outside an enumeration, refused the way ELBv2's generic validation does. */
export const notInEnum = (member: string, value: string, allowed: readonly string[]): ServiceError =>
  validationError(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);

/** A number outside its allowed range, refused the way ELBv2's generic validation does. */
export function requireRange(member: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw validationError(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  }
  if (value > max) {
    throw validationError(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }
}

/** Unknown resources named in a list (Describe…, tags). */
export const loadBalancersNotFound = (): ServiceError => new ServiceError('LoadBalancerNotFound', 'One or more load balancers not found');
export const targetGroupsNotFound = (): ServiceError => new ServiceError('TargetGroupNotFound', 'One or more target groups not found');
export const listenersNotFound = (): ServiceError => new ServiceError('ListenerNotFound', 'One or more listeners not found');

/** An unknown resource named on its own, as ELBv2 words it. */
export const loadBalancerNotFound = (arn: string): ServiceError => new ServiceError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
export const targetGroupNotFound = (arn: string): ServiceError => new ServiceError('TargetGroupNotFound', `Target groups '${arn}' not found`);
export const listenerNotFound = (arn: string): ServiceError => new ServiceError('ListenerNotFound', `Listener '${arn}' not found`);

export const invalidConfiguration = (message: string): ServiceError => new ServiceError('InvalidConfigurationRequest', message);

export const resourceInUse = (message: string): ServiceError => new ServiceError('ResourceInUse', message);

export const invalidTarget = (message: string): ServiceError => new ServiceError('InvalidTarget', message);

/** A feature real ELBv2 has and this local cloud does not model, refused rather than ignored. */
export const notServedLocally = (what: string): ServiceError =>
  invalidConfiguration(`${what} is not supported by this local cloud, which serves Network Load Balancers with AWS-assigned IPv4 addresses.`);
