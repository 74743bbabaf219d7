/**
 * The parts of the Amazon States Language the lab's workflows use, as the
 * Step Functions Developer Guide defines them ("Amazon States Language",
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html).
 * Field names are ASL's own, so a definition serializes to its file as is.
 */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds: number;
  readonly BackoffRate: number;
  readonly MaxAttempts: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath: string;
  readonly Next: string;
}

/** Where a state goes after it: the next state's name, or the end of its flow. */
export type Transition = { readonly Next: string } | { readonly End: true };

export type Payload = Readonly<Record<string, unknown>>;

interface StateBase {
  readonly Comment?: string;
}

export type TaskState = StateBase &
  Transition & {
    readonly Type: 'Task';
    readonly Resource: string;
    readonly Parameters: Payload;
    /** A callback Task's timeout, read from its input: it ends with States.Timeout. */
    readonly TimeoutSecondsPath?: string;
    readonly ResultSelector?: Payload;
    readonly ResultPath?: string | null;
    readonly Retry: readonly Retrier[];
    readonly Catch?: readonly Catcher[];
  };

export interface ChoiceCondition {
  readonly Variable: string;
  readonly BooleanEquals?: boolean;
  readonly IsPresent?: boolean;
}

export type ChoiceRule = ({ readonly And: readonly ChoiceCondition[] } | ChoiceCondition) & { readonly Next: string };

export type ChoiceState = StateBase & { readonly Type: 'Choice'; readonly Choices: readonly ChoiceRule[]; readonly Default: string };

export type PassState = StateBase &
  Transition & {
    readonly Type: 'Pass';
    readonly InputPath?: string;
    readonly Parameters?: Payload;
    readonly ResultPath?: string;
  };

export type WaitState = StateBase & Transition & { readonly Type: 'Wait'; readonly TimestampPath: string };

export type ParallelState = StateBase &
  Transition & {
    readonly Type: 'Parallel';
    readonly Branches: readonly Flow[];
    readonly ResultSelector?: Payload;
    readonly ResultPath?: string;
    readonly Catch?: readonly Catcher[];
  };

export type MapState = StateBase &
  Transition & {
    readonly Type: 'Map';
    readonly ItemsPath: string;
    readonly ItemSelector: Payload;
    readonly MaxConcurrencyPath: string;
    readonly ItemProcessor: Flow & { readonly ProcessorConfig: { readonly Mode: 'INLINE' } };
    readonly ResultPath: string;
  };

export type SucceedState = StateBase & { readonly Type: 'Succeed' };

export type FailState = StateBase & { readonly Type: 'Fail' } & (
    | { readonly Error: string; readonly Cause: string }
    | { readonly ErrorPath: string; readonly CausePath: string }
  );

export type State = TaskState | ChoiceState | PassState | WaitState | ParallelState | MapState | SucceedState | FailState;

/** A sequence of states: a whole state machine, or a branch of a Parallel or the processor of a Map. */
export interface Flow {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
}
