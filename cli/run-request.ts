import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import ms from 'ms';
import { criticalPath } from '../statemachine/critical-path';
import { BATCH_ID_PATTERN, DEFAULT_REGION, type LabRun, RUN_ID_PATTERN, type Scenario, SCENARIOS } from '../functions/lab/lab-run';
import { UsageError } from './usage-error';

const MAX_TTL_MS = ms('7d');
const MINUTE_MS = ms('1m');

/** A `--ttl` as typed and in milliseconds: its floor depends on the scenario, so the refusal is made later and quotes what was typed. */
export interface Ttl {
  readonly given: string;
  readonly millis: number;
}

/** `--ttl`: how long a run may live before scheduled cleanup removes it, at most 7d; its floor is checked with the scenario (ttlMillisFor). */
export function parseTtl(value: string): Ttl {
  const millis = /^\d+(\.\d+)?\s*[a-z]+$/i.test(value.trim()) ? ms(value.trim() as ms.StringValue) : undefined;
  if (millis === undefined || Number.isNaN(millis)) {
    throw new InvalidArgumentError(`expected a duration such as 30m, 2h or 1d, got '${value}'.`);
  }
  if (millis > MAX_TTL_MS) throw new InvalidArgumentError(`the TTL must be at most 7d, got '${value}'.`);
  return { given: value, millis };
}

/** The shortest TTL of a scenario, and the build bound it comes from. */
export interface TtlFloor {
  readonly millis: number;
  /** `13m`: whole minutes, as `--ttl` takes it. */
  readonly text: string;
  /** The critical-path bound of the scenario's build on AWS, in seconds. */
  readonly buildSeconds: number;
  /** The steps of that path that wait on AWS, for people: `NLB active 180 s`. */
  readonly path: readonly string[];
}

/**
 * The shortest TTL a scenario's run may have: a run whose TTL passed while it
 * still builds would be held for no time, and on AWS the build is long. The
 * bound is the critical path of the build at the latency profile's typical
 * AWS latencies (statemachine/critical-path.ts), the least any orchestration takes.
 * The margin is the bound again: AWS's slower days stretch the same long
 * waits the bound is made of (NLB provisioning and target registration are
 * reported at 3-5 minutes where the profile takes 3), so the margin grows
 * with them rather than being a fixed sum; rounded up to whole minutes so it
 * reads as a `--ttl`.
 */
export function ttlFloor(scenario: Scenario): TtlFloor {
  const path = criticalPath(scenario, 'build');
  const minutes = Math.ceil((2 * path.boundSeconds) / 60);
  return {
    millis: minutes * MINUTE_MS,
    text: `${minutes}m`,
    buildSeconds: path.boundSeconds,
    path: path.critical.filter((planned) => planned.seconds > 0).map((planned) => `${planned.step.title} ${planned.seconds} s`),
  };
}

/** `383` → `6m 23s`. */
const minutesAndSeconds = (seconds: number): string => `${Math.floor(seconds / 60)}m${seconds % 60 ? ` ${seconds % 60}s` : ''}`;

/** The TTL's milliseconds, once the scenario is known; under the scenario's floor it is refused, saying the floor and why. */
export function ttlMillisFor(scenario: Scenario, ttl: Ttl): number {
  const floor = ttlFloor(scenario);
  if (ttl.millis < floor.millis) {
    throw new UsageError(
      `the TTL must be at least ${floor.text} for the ${scenario} scenario: its build takes ${minutesAndSeconds(floor.buildSeconds)} on AWS at its typical latencies ` +
        `(the critical path: ${floor.path.join(', ')}; the floor doubles it for AWS's slower days, in whole minutes); got '${ttl.given}'.`,
    );
  }
  return ttl.millis;
}

/** Each scenario's floor, for the help: `full 13m, gateway 5m, ...`. */
export const ttlFloors = (): string => SCENARIOS.map((scenario) => `${scenario} ${ttlFloor(scenario).text}`).join(', ');

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

export function parseBatchId(value: string): string {
  if (!BATCH_ID_PATTERN.test(value)) throw new InvalidArgumentError(`'${value}' is not a batch id; batch ids look like batch-20261126-0112-ab12 (vpce-lab start --runs N prints it).`);
  return value;
}

/** `20261126-0112`: the start time, UTC, to the minute. */
const minuteStamp = (now: Date): string => now.toISOString().replace(/[-:]/g, '').slice(0, 13).replace('T', '-');

/** A fresh run id: the start time (UTC, to the minute) and four random hex digits. */
export const newRunId = (now: Date): string => `lab-${minuteStamp(now)}-${randomBytes(2).toString('hex')}`;

/** A fresh batch id, of the same minute as its runs' ids. */
export const newBatchId = (now: Date): string => `batch-${minuteStamp(now)}-${randomBytes(2).toString('hex')}`;

/** `lab-20261126-0112-`: what every run id of a batch begins with (they are made in the batch's minute). */
export const batchRunIdPrefix = (batchId: string): string => `lab-${batchId.slice('batch-'.length, -'-ab12'.length)}-`;

/** Another run id of the batch's minute. */
export const batchRunId = (batchId: string): string => `${batchRunIdPrefix(batchId)}${randomBytes(2).toString('hex')}`;

export interface RunRequest {
  readonly scenario: Scenario;
  readonly ttlMs: number;
  readonly keep: boolean;
  readonly region: string;
  /** Pause before each lesson for the student (`start --guided`). */
  readonly guided?: boolean;
  readonly batchId?: string;
}

/** A new run; a TTL under its scenario's floor is refused here too, whoever asks (the start command checks it before connecting). */
export function newRun(request: RunRequest, now: Date): LabRun {
  ttlMillisFor(request.scenario, { given: `${request.ttlMs}ms`, millis: request.ttlMs });
  return {
    runId: newRunId(now),
    scenario: request.scenario,
    region: request.region,
    expiresAt: new Date(now.getTime() + request.ttlMs).toISOString(),
    keep: request.keep,
    ...(request.guided ? { guided: true } : {}),
    ...(request.batchId ? { batchId: request.batchId } : {}),
  };
}
