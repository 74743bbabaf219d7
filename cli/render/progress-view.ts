import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { createSpinner, type Spinner } from 'nanospinner';
import pc from 'picocolors';
import { type AwsClock, type HoldSpan, secondsAt } from '../follow/aws-clock';
import { causeMessage } from '../follow/run-failure';
import { isWallClockState } from '../follow/run-hold';
import { enteredEventOf } from '../follow/run-timeline';

/** The state events that name a step for people: Tasks, Waits and Maps (not the Parallels and Choices around them). */
export const SHOWN_STATE_EVENTS = /^(Task|Wait|Map)State(Entered|Exited)$/;
const FAILURE_EVENTS = new Set(['LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'TaskFailed', 'TaskTimedOut']);
/** A new attempt of a Task: a failure before it was retried, not the step's end. */
const ATTEMPT_EVENTS = new Set(['LambdaFunctionScheduled', 'TaskScheduled']);
/** The execution's end: a state that failed uncaught has no exit event of its own, the execution's failure ends it. */
const EXECUTION_ENDS = new Set(['ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);
/** Errors that only mean "not yet": the workflow retries them, so they are shown as what is awaited, not as failures. */
const WAITING_ERRORS = new Set(['NotReady', 'DependencyStillPresent']);

/** "BuildConsumerNetwork" -> "Build consumer network". */
export const stepTitle = (stateName: string): string =>
  stateName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/ ([A-Z])(?=[a-z])/g, (_, letter: string) => ` ${letter.toLowerCase()}`);

const seconds = (value: number): string => `${value.toFixed(1)}s`;

interface Failure {
  readonly error: string;
  readonly cause?: string;
}

/**
 * Shows a run's steps live: a spinner naming what is running now, and a line
 * with its duration for each step that ended: ✔ when it succeeded, ✖ with
 * the error when it failed. Times are read on the run's AWS clock. Without
 * a terminal it prints only the lines.
 */
export class ProgressView {
  /** The states entered and not yet ended: when, and their entry's event id. */
  private readonly running = new Map<string, { at: number; entry: number }>();
  private readonly byId = new Map<number, HistoryEvent>();
  /** The last attempt's failure of each state entry, by the entry's event id, until a retry clears it. */
  private readonly failures = new Map<number, Failure>();
  private readonly spinner: Spinner | undefined;
  private waiting = '';
  /** The spans of wall-clock time so far (the hold, the pauses), the last maybe still going. */
  private readonly waits: { name: string; start: number; end?: number }[] = [];
  /** The execution's start, its first event's time: the origin the report's timeline reads from too. */
  private startedAt: number | undefined;

  /** Whether the event at hand is new to the person following: events up to `shownUpTo` were shown before. */
  private showing = true;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly clock: AwsClock,
    private readonly shownUpTo = 0,
  ) {
    this.spinner = out.isTTY ? createSpinner('', { stream: out }) : undefined;
  }

  onEvent(event: HistoryEvent): void {
    this.showing = (event.id ?? 0) > this.shownUpTo;
    this.byId.set(event.id ?? 0, event);
    const at = event.timestamp?.getTime() ?? Date.now();
    this.startedAt ??= at;
    const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    const entry = enteredEventOf(event, this.byId)?.id ?? -1;
    if (ATTEMPT_EVENTS.has(event.type ?? '')) this.failures.delete(entry);
    if (FAILURE_EVENTS.has(event.type ?? '')) this.failed(entry, event);
    if (name && SHOWN_STATE_EVENTS.test(event.type ?? '')) {
      if (event.type?.endsWith('Entered')) this.entered(name, at, entry);
      else this.finished(name, at, this.failures.get(entry));
    }
    if (EXECUTION_ENDS.has(event.type ?? '')) this.ended(at);
    this.refresh();
  }

  stop(): void {
    this.spinner?.stop();
    this.spinner?.clear();
  }

  private failed(entry: number, event: HistoryEvent): void {
    const details = event.lambdaFunctionFailedEventDetails ?? event.taskFailedEventDetails ?? event.lambdaFunctionTimedOutEventDetails ?? event.taskTimedOutEventDetails;
    const failure = { error: details?.error ?? 'Error', cause: details?.cause };
    this.failures.set(entry, failure);
    // Until the state ends, a failure may still be retried: it shows as what the step waits for.
    this.waiting = WAITING_ERRORS.has(failure.error) ? causeMessage(failure.cause) : `${failure.error}: ${causeMessage(failure.cause)}`;
  }

  private entered(name: string, at: number, entry: number): void {
    this.running.set(name, { at, entry });
    if (isWallClockState(name)) this.waits.push({ name, start: at - this.origin() });
  }

  /** The states the execution's end stopped: those whose last attempt failed are the failure. */
  private ended(at: number): void {
    for (const [name, { entry }] of [...this.running]) {
      const failure = this.failures.get(entry);
      if (failure) this.finished(name, at, failure);
    }
  }

  private finished(name: string, at: number, failure: Failure | undefined): void {
    const entered = this.running.get(name)?.at ?? at;
    this.running.delete(name);
    this.waiting = '';
    const origin = this.origin();
    const wait = this.waits.at(-1);
    if (wait && wait.name === name && wait.end === undefined) wait.end = at - origin;
    const toSeconds = secondsAt(this.clock, this.heldSoFar(at));
    const took = toSeconds(at - origin) - toSeconds(entered - origin);
    const line = `${stepTitle(name).padEnd(36)} ${pc.dim(seconds(took))}  ${pc.dim(`at ${seconds(toSeconds(at - origin))}`)}`;
    if (!failure) this.print(`${pc.green('✔')} ${line}`);
    else this.print(`${pc.red('✖')} ${line}\n  ${pc.red(`${failure.error}: ${causeMessage(failure.cause)}`)}`);
  }

  private heldSoFar(at: number): HoldSpan[] {
    return this.waits.map((wait) => ({ start: wait.start, end: wait.end ?? at - this.origin() }));
  }

  private origin(): number {
    return this.startedAt ?? 0;
  }

  private print(line: string): void {
    if (!this.showing) return;
    if (this.spinner) this.spinner.clear();
    this.out.write(`${line}\n`);
  }

  private refresh(): void {
    if (!this.spinner || !this.showing) return;
    const names = [...this.running.keys()].map(stepTitle);
    if (names.length === 0) {
      this.spinner.stop();
      this.spinner.clear();
      return;
    }
    const waiting = this.waiting ? pc.dim(` (waiting: ${this.waiting.slice(0, 100)})`) : '';
    this.spinner.update({ text: `${names.join(', ')}${waiting}` });
    if (!this.spinner.isSpinning()) this.spinner.start();
  }
}
