/** One call a Task state made, kept until the execution's history has told it. */
export interface TaskCall {
  /** The Task's effective input (after InputPath and Parameters): what the function or StartExecution was given. */
  readonly input: unknown;
  /** When the call was made (epoch ms). */
  readonly at: number;
  /** The raw result (the function's return value, the `.sync:2` output, the callback's output), before ResultSelector/ResultPath. */
  output?: unknown;
  /**
   * What the service answered before the Task waits, told as `TaskSubmitted`:
   * StartExecution's answer (`startExecution.sync:2`), the Lambda Invoke
   * response (`lambda:invoke.waitForTaskToken`).
   */
  submitted?: unknown;
  /** When `submitted` arrived (epoch ms); the call's time when not set. */
  submittedAt?: number;
  /** `lambda:invoke.waitForTaskToken`: the timeout of this attempt, resolved (TimeoutSecondsPath), told as TaskScheduled's `timeoutInSeconds`. */
  timeoutSeconds?: number;
}

/**
 * The calls Task states made, in order per state name. aws-local-stepfunctions
 * calls a Task's handler right after it queues the state's `StateEntered`
 * event, so the history, reading events in order, takes a state's next call
 * when it reads that state being entered (or retried).
 */
export class TaskCalls {
  private readonly pending = new Map<string, TaskCall[]>();

  begin(stateName: string, input: unknown): TaskCall {
    const call: TaskCall = { input, at: Date.now() };
    const queue = this.pending.get(stateName) ?? [];
    queue.push(call);
    this.pending.set(stateName, queue);
    return call;
  }

  next(stateName: string): TaskCall | undefined {
    return this.pending.get(stateName)?.shift();
  }
}
