import type { AuthorizationResolver } from '../iam/authorization-request';
import type { RequestContext } from './http-answer';

/**
 * One operation of a service model: takes the input the SDK would have sent
 * (already parsed by its schema) and returns the output the SDK expects.
 * It never sees XML, JSON or HTTP.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation narrows its input to the SDK's own request type
export type OperationHandler = (input: any, context: RequestContext) => unknown;

export interface ServiceProvider {
  /** The signing name of the service this provider implements. */
  readonly service: string;
  readonly operations: Readonly<Record<string, OperationHandler>>;
  /** How IAM authorizes each operation that has resource-level permissions (by operation name); those without are authorized on `*`. */
  readonly authorization?: Readonly<Record<string, AuthorizationResolver>>;
}

/** True for calls that only read, which need no snapshot to roll back. */
export const isReadOnlyAction = (action: string): boolean => /^(Describe|Get|List)[A-Z]/.test(action);
