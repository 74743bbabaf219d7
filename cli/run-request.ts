import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import ms from 'ms';
import { DEFAULT_REGION, type LabRun, RUN_ID_PATTERN, type Scenario, SCENARIOS } from '../functions/lab/lab-run';

const MIN_TTL_MS = ms('10m');
const MAX_TTL_MS = ms('7d');

/** `--ttl`: how long a run may live before scheduled cleanup removes it (10m to 7d). */
export function parseTtl(value: string): number {
  const millis = /^\d+(\.\d+)?\s*[a-z]+$/i.test(value.trim()) ? ms(value.trim() as ms.StringValue) : undefined;
  if (millis === undefined || Number.isNaN(millis)) {
    throw new InvalidArgumentError(`expected a duration such as 30m, 2h or 1d, got '${value}'.`);
  }
  if (millis < MIN_TTL_MS || millis > MAX_TTL_MS) throw new InvalidArgumentError(`the TTL must be between 10m and 7d, got '${value}'.`);
  return millis;
}

export function parseScenario(value: string): Scenario {
  if (!(SCENARIOS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`unknown scenario '${value}'; allowed: ${SCENARIOS.join(', ')}.`);
  }
  return value as Scenario;
}

export function parseRegion(value: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(value)) throw new InvalidArgumentError(`expected an AWS region such as ${DEFAULT_REGION}, got '${value}'.`);
  return value;
}

export function parseRunId(value: string): string {
  if (!RUN_ID_PATTERN.test(value)) throw new InvalidArgumentError(`'${value}' is not a run id; run ids look like lab-20261126-0112-ab12 (see vpce-lab list).`);
  return value;
}

/** A fresh run id: the start time (UTC, to the minute) and four random hex digits. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 13).replace('T', '-');
  return `lab-${stamp}-${randomBytes(2).toString('hex')}`;
}

export interface RunRequest {
  readonly scenario: Scenario;
  readonly ttlMs: number;
  readonly keep: boolean;
  readonly region: string;
}

export function newRun(request: RunRequest, now: Date): LabRun {
  return {
    runId: newRunId(now),
    scenario: request.scenario,
    region: request.region,
    expiresAt: new Date(now.getTime() + request.ttlMs).toISOString(),
    keep: request.keep,
  };
}
