import type { SfnContext } from './sfn-context';
import { invalidTaskToken, taskDoesNotExist, taskTimedOut } from './sfn-errors';
import { mintTaskToken, tokenExecution } from './task-token';

/**
 * How a callback Task's wait ended: SendTaskSuccess's output (a JSON value),
 * SendTaskFailure's error and cause, or abandoned: its run has stopped
 * waiting (the execution stopped, the Parallel or Map it ran in failed, the
 * cloud is closing), and the Task must end so that the run's timers do.
 */
export type CallbackOutcome =
  | { readonly status: 'SUCCEEDED'; readonly output: unknown }
  | { readonly status: 'FAILED'; readonly error?: string; readonly cause?: string }
  | { readonly status: 'ABANDONED' };

/** One attempt of a callback Task: open until its outcome arrives, it times out, or its run ends. */
interface Wait {
  readonly executionArn: string;
  readonly stateName: string;
  /** When the Task times out (epoch ms, the cloud's wall clock); none for a Task without a timeout. */
  readonly deadline?: number;
  /** Set while the wait is open; cleared when it ends, however it ends. */
  settle?: (outcome: CallbackOutcome) => void;
  timer?: NodeJS.Timeout;
}

/** The longest delay a Node timer takes; a later deadline is still checked when a token is used. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The task tokens of the callback Tasks running in this process, and what a
 * token sent back finds ("Wait for a Callback with Task Token",
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token):
 * the wait it ends (the Task succeeds or fails with what was sent), or why
 * it cannot, as SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat
 * answer: InvalidToken for a string that is no token, TaskTimedOut for a
 * task that has ended (timed out, answered already, or its execution no
 * longer running), TaskDoesNotExist for a token naming no task.
 *
 * A token names its execution, so it is answered even when this process
 * never knew it: the waits of a previous process are gone, and the
 * execution's record (failed at the restart) says its tasks have ended.
 * The ended waits of a running execution are kept until it ends, so a
 * second callback on their tokens is told TaskTimedOut too.
 *
 * LIMITATIONS: a wait's timeout is the aws-local-stepfunctions timer of the
 * Task (the run fails the Task with States.Timeout); the deadline here only
 * closes the token at the same moment. No heartbeat timeout is modelled.
 * Tokens live in this process: after a restart each answers for its
 * execution's record alone.
 */
export class CallbackWaits {
  private readonly waits = new Map<string, Wait>();

  constructor(private readonly context: SfnContext) {}

  /**
   * Mints a token for one attempt of a callback Task and opens its wait;
   * `outcome` settles when SendTaskSuccess or SendTaskFailure arrives, or the
   * wait is abandoned, and never once it has been ended (its Task timed out
   * or failed: the run has already moved on).
   */
  open(executionArn: string, stateName: string, timeoutSeconds: number | undefined): { token: string; outcome: Promise<CallbackOutcome> } {
    const token = mintTaskToken(executionArn);
    const deadline = timeoutSeconds === undefined ? undefined : this.context.runtime.clock.now() + timeoutSeconds * 1000;
    const outcome = new Promise<CallbackOutcome>((settle) => {
      const wait: Wait = { executionArn, stateName, deadline, settle };
      const delay = deadline === undefined ? undefined : deadline - this.context.runtime.clock.now();
      if (delay !== undefined && delay <= LONGEST_TIMER_MS) {
        wait.timer = setTimeout(() => this.end(token), Math.max(0, delay));
        wait.timer.unref();
      }
      this.waits.set(token, wait);
    });
    return { token, outcome };
  }

  /** SendTaskSuccess: the Task succeeds with `output`. */
  succeed(token: string, output: unknown): void {
    this.settle(token, { status: 'SUCCEEDED', output });
  }

  /** SendTaskFailure: the Task fails with `error` and `cause`, which its Retry and Catch match. */
  fail(token: string, error: string | undefined, cause: string | undefined): void {
    this.settle(token, { status: 'FAILED', error, cause });
  }

  /** SendTaskHeartbeat: the task must still be waiting; with no heartbeat timeout modelled, that is all it does. */
  heartbeat(token: string): void {
    this.openWait(token);
  }

  /**
   * Ends a wait without an outcome; its token answers TaskTimedOut. For a
   * Task that timed out (aws-local-stepfunctions fails it with
   * States.Timeout: the wait must not settle first) or that is done.
   */
  end(token: string): void {
    const wait = this.waits.get(token);
    if (!wait) return;
    clearTimeout(wait.timer);
    wait.settle = undefined;
  }

  /** Abandons the waits of an execution's tasks for which `within` holds (the states of a Parallel or Map that failed). */
  abandonWhere(executionArn: string, within: (stateName: string) => boolean): void {
    for (const [token, wait] of this.waits) if (wait.executionArn === executionArn && within(wait.stateName)) this.abandon(token);
  }

  /** Abandons the waits of an execution that has ended and forgets it: its record now answers for its tokens. */
  forget(executionArn: string): void {
    for (const [token, wait] of this.waits) {
      if (wait.executionArn !== executionArn) continue;
      this.abandon(token);
      this.waits.delete(token);
    }
  }

  /** The cloud is closing: every wait is abandoned with the process. */
  close(): void {
    for (const token of this.waits.keys()) this.abandon(token);
    this.waits.clear();
  }

  private abandon(token: string): void {
    const settle = this.waits.get(token)?.settle;
    this.end(token);
    settle?.({ status: 'ABANDONED' });
  }

  private settle(token: string, outcome: CallbackOutcome): void {
    const settle = this.openWait(token).settle;
    this.end(token);
    settle?.(outcome);
  }

  /** The open wait of `token`, or the error that says why there is none. */
  private openWait(token: string): Wait {
    const executionArn = tokenExecution(token);
    if (executionArn === undefined) throw invalidTaskToken();
    const execution = this.context.tables.executions.get(executionArn);
    // Checked first: a stopped (or restarted-away) execution's tasks have ended, whatever this process still holds.
    if (execution && execution.status !== 'RUNNING') throw taskTimedOut();
    const wait = this.waits.get(token);
    if (!wait) throw taskDoesNotExist();
    if (!wait.settle || (wait.deadline !== undefined && this.context.runtime.clock.now() >= wait.deadline)) throw taskTimedOut();
    return wait;
  }
}
