import { ServiceError } from '../../../protocol/service-error';

/**
 * EC2's refusals used in more than one place, with the codes of the EC2 API
 * Reference's "Error codes" page and the messages EC2 writes; the protocol's
 * own (`MissingParameter`, `InvalidParameterValue`) are in service-error.ts.
 */

/** EC2's "does not exist" error for one kind of id, e.g. `InvalidVpcID.NotFound`. */
export const notFound = (code: string, noun: string, id: string): ServiceError => new ServiceError(code, `The ${noun} ID '${id}' does not exist`);

/** A resource that others still depend on. */
export const dependencyViolation = (message: string): ServiceError => new ServiceError('DependencyViolation', message);

/** "A parameter specified in a request is not valid, is unsupported, or cannot be used." */
export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameter', message);

/** "Indicates an incorrect combination of parameters, or a missing parameter." */
export const invalidParameterCombination = (message: string): ServiceError => new ServiceError('InvalidParameterCombination', message);
