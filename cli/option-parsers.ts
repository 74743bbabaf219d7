import { InvalidArgumentError } from 'commander';

/** A TCP port, 0 meaning "any free port". */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`expected a TCP port from 0 to 65535, got '${value}'.`);
  return port;
}

/** A non-negative multiplier of AWS's durations. */
export function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (value.trim() === '' || !Number.isFinite(scale) || scale < 0) {
    throw new InvalidArgumentError(`expected a number >= 0 (1 = AWS's own pace, 0.05 = twenty times faster, 0 = instant), got '${value}'.`);
  }
  return scale;
}
