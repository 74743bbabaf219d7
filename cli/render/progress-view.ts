import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { createSpinner, type Spinner } from 'nanospinner';
import pc from 'picocolors';

const SHOWN_STATE_EVENTS = /^(Task|Wait|Map)State(Entered|Exited)$/;
/** Errors that only mean "not yet": the workflow retries them, so they are shown as what is awaited, not as failures. */
const WAITING_ERRORS = new Set(['NotReady', 'DependencyStillPresent']);

/** "BuildConsumerNetwork" -> "Build consumer network". */
export const stepTitle = (stateName: string): string =>
  stateName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/ ([A-Z])(?=[a-z])/g, (_, letter: string) => ` ${letter.toLowerCase()}`);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/**
 * Shows a run's steps live: a spinner naming what is running now, and a line
 * with its elapsed time for each step that finished. Without a terminal it
 * prints only the lines.
 */
export class ProgressView {
  private readonly running = new Map<string, number>();
  private readonly spinner: Spinner | undefined;
  private waiting = '';

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly startedAt: number,
  ) {
    this.spinner = out.isTTY ? createSpinner('', { stream: out }) : undefined;
  }

  onEvent(event: HistoryEvent): void {
    const at = event.timestamp?.getTime() ?? Date.now();
    const name = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
    if (name && SHOWN_STATE_EVENTS.test(event.type ?? '')) {
      if (event.type?.endsWith('Entered')) this.running.set(name, at);
      else this.finished(name, at);
    }
    const failure = event.taskFailedEventDetails ?? event.lambdaFunctionFailedEventDetails;
    if (failure && WAITING_ERRORS.has(failure.error ?? '')) this.waiting = firstLine(failure.cause);
    else if (failure) this.print(`${pc.red('✖')} ${failure.error ?? 'Error'}: ${firstLine(failure.cause)}`);
    this.refresh();
  }

  stop(): void {
    this.spinner?.stop();
    this.spinner?.clear();
  }

  private finished(name: string, at: number): void {
    const entered = this.running.get(name) ?? at;
    this.running.delete(name);
    this.waiting = '';
    this.print(`${pc.green('✔')} ${stepTitle(name).padEnd(36)} ${pc.dim(seconds(at - entered))}  ${pc.dim(`at ${seconds(at - this.startedAt)}`)}`);
  }

  private print(line: string): void {
    if (this.spinner) this.spinner.clear();
    this.out.write(`${line}\n`);
  }

  private refresh(): void {
    if (!this.spinner) return;
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

const firstLine = (text: string | undefined): string => {
  if (!text) return '';
  try {
    const parsed = JSON.parse(text) as { errorMessage?: string };
    if (parsed.errorMessage) return parsed.errorMessage;
  } catch {
    // Not JSON: Step Functions passes a Lambda error's cause as JSON, other causes as plain text.
  }
  return text.split('\n')[0] ?? '';
};
