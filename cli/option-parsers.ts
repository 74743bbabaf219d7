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
