import { namedError } from './named-error';

const attempts = new Map<string, number>();

/** How many times the stand-in was called for a key (tests read it). */
export const attemptsFor = (key: string): number => attempts.get(key) ?? 0;

/** Stand-in function: throws `NotReady` for the first `failures` calls with a key, then answers. */
export const handler = async (event: { key: string; failures: number }) => {
  const attempt = attemptsFor(event.key) + 1;
  attempts.set(event.key, attempt);
  if (attempt <= event.failures) throw namedError('NotReady', `${event.key} is not ready yet (attempt ${attempt})`);
  return { key: event.key, attempts: attempt };
};
