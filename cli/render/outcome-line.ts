import type { RunOutcome } from '../run-outcome';
import { stepTitle } from './progress-view';

const ended = (status: string): string => status.toLowerCase().replace('_', ' ');

/** How a run ended, in one line: its time and, for a failure, the step, AWS's error code and message. */
export function outcomeLine(outcome: RunOutcome): string {
  const took = `${outcome.seconds.toFixed(1)} s`;
  if (outcome.status === 'SUCCEEDED') return `Run ${outcome.runId} succeeded in ${took}; nothing of it remains.`;
  const failure = outcome.failure;
  if (!failure) return `Run ${outcome.runId} ${ended(outcome.status)} after ${took}.`;
  const where = failure.step ? ` at ${stepTitle(failure.step)}` : '';
  return `Run ${outcome.runId} ${ended(outcome.status)}${where} after ${took}: ${failure.code}: ${failure.message}`;
}
