/**
 * Errors a lab step throws. Their `name` is what Step Functions matches in a
 * state's `Retry` and `Catch`, so the names are part of the workflows' contract.
 */
/** Every name a lab step's error may have. */
export const LAB_ERROR = {
  NotReady: 'NotReady',
  AwaitingAcceptance: 'AwaitingAcceptance',
  DependencyStillPresent: 'DependencyStillPresent',
  LabInputInvalid: 'LabInputInvalid',
  QuotaExhausted: 'QuotaExhausted',
  LabStepFailed: 'LabStepFailed',
} as const;

type LabErrorName = (typeof LAB_ERROR)[keyof typeof LAB_ERROR];

abstract class LabError extends Error {
  protected constructor(name: LabErrorName, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
  }
}

/** AWS has not finished yet (an NLB provisioning, an endpoint pending): the workflow retries with back-off. */
export class NotReady extends LabError {
  constructor(message: string) {
    super(LAB_ERROR.NotReady, message);
  }
}

/**
 * A connection request waits within its grace period for the
 * `accept-connection` handler: retried apart from NotReady, for as long as
 * the longest grace a deployment may set.
 */
export class AwaitingAcceptance extends LabError {
  constructor(message: string) {
    super(LAB_ERROR.AwaitingAcceptance, message);
  }
}

/** Something still depends on what is being deleted (ENIs not yet released): the workflow retries with back-off. */
export class DependencyStillPresent extends LabError {
  constructor(message: string) {
    super(LAB_ERROR.DependencyStillPresent, message);
  }
}

/** The step's input is not what it must be; retrying cannot help. */
export class LabInputInvalid extends LabError {
  constructor(message: string) {
    super(LAB_ERROR.LabInputInvalid, message);
  }
}

/** The account cannot hold another lab (a quota is reached); says which quota and how to raise it. */
export class QuotaExhausted extends LabError {
  constructor(message: string) {
    super(LAB_ERROR.QuotaExhausted, message);
  }
}

/** A lesson cannot be built or proved as the lab expects; the message says what was found instead. */
export class LabStepFailed extends LabError {
  constructor(message: string, options?: ErrorOptions) {
    super(LAB_ERROR.LabStepFailed, message, options);
  }
}

/** The error names the workflows retry. */
export const RETRYABLE_ERRORS = [LAB_ERROR.NotReady, LAB_ERROR.AwaitingAcceptance, LAB_ERROR.DependencyStillPresent] as const;
