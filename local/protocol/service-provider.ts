import type { AuthorizationResolver } from '../iam/authorization-request';
import type { RequestContext } from './http-answer';
import type { InputModel } from './modelled-input';

/**
 * One operation of a service model: takes the input the SDK would have sent
 * (already parsed by its schema) and returns the output the SDK expects.
 * It never sees XML, JSON or HTTP.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation narrows its input to the SDK's own request type
export type OperationHandler = (input: any, context: RequestContext) => unknown;

/** An operation with the input members it models; the dispatcher refuses any other member before `run` sees the request. */
export interface Operation {
  readonly modelled: InputModel<unknown>;
  readonly run: OperationHandler;
}

/**
 * Declares an operation: what of its input it models, and the handler. The
 * input type comes from the handler's parameter (the SDK's request type), so
 * the compiler holds the model to the SDK's member names.
 */
export const operation = <Input>(modelled: NoInfer<InputModel<Input>>, run: (input: Input, context: RequestContext) => unknown): Operation => ({ modelled, run });

export interface ServiceProvider {
  /** The signing name of the service this provider implements. */
  readonly service: string;
  readonly operations: Readonly<Record<string, Operation>>;
  /** The error code this service answers a request it does not support with: what the dispatcher refuses an unmodelled member with. */
  readonly unmodelledParameterCode: string;
  /** How IAM authorizes each operation that has resource-level permissions (by operation name); those without are authorized on `*`. */
  readonly authorization?: Readonly<Record<string, AuthorizationResolver>>;
}

/** True for calls that only read, which need no snapshot to roll back. */
export const isReadOnlyAction = (action: string): boolean => /^(Describe|Get|List)[A-Z]/.test(action);
