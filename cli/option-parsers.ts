import { InvalidArgumentError } from 'commander';

/** A TCP port, 0 meaning "any free port". */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a TCP port from 0 to 65535, got '${value}'.`);
  return port;
}

/** A plain decimal number, as people write one (not `0x10`, `0b1` or `Infinity`, which `Number` also reads). */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** A non-negative multiplier of AWS's durations. */
export function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(scale)) {
    throw new InvalidArgumentError(`expected a number >= 0 (1 = AWS's own pace, 0.05 = twenty times faster, 0 = instant), got '${value}'.`);
  }
  return scale;
}

/** The most runs a plan or a batch is made for: beyond it, a batch is a deployment of its own. */
export const MOST_RUNS = 500;

/** `--runs`: how many runs at once. */
export function parseRuns(value: string): number {
  const runs = Number(value);
  if (!/^\d+$/.test(value) || runs < 1 || runs > MOST_RUNS) throw new InvalidArgumentError(`expected a number of runs from 1 to ${MOST_RUNS}, got '${value}'.`);
  return runs;
}
