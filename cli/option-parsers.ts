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

/** The longest `exec --timeout`: a student's command, not a job (Run Command itself allows up to 48 hours). */
export const LONGEST_EXEC_SECONDS = 600;

/** `exec --timeout`: whole seconds the command may run on the instance before Run Command stops it. */
export function parseExecTimeout(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > LONGEST_EXEC_SECONDS) throw new InvalidArgumentError(`expected whole seconds from 1 to ${LONGEST_EXEC_SECONDS}, got '${value}'.`);
  return seconds;
}

/** `exec --on`: the consumer instances, which Run Command reaches; the web servers are refused with why. */
export function parseInstanceRole(value: string): 'private' | 'public' {
  if (value === 'private' || value === 'public') return value;
  if (/^web(-server)?-?\d*$/.test(value)) {
    throw new InvalidArgumentError(
      `'${value}': the web servers cannot be reached by Run Command: their VPC has no way out, so no SSM agent of theirs registers. Reach them as the lab does, through the service endpoint from the private instance: --on private -- curl http://<endpoint DNS name>/ (vpce-lab lesson <run-id> shows the name).`,
    );
  }
  throw new InvalidArgumentError(`expected the instance to run on: private or public, got '${value}'.`);
}
