import { z } from 'zod';

export const SCENARIOS = ['full', 'gateway', 'interface', 'service'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** `lab-20261126-0112-ab12`: sortable by start, short enough for resource names. */
export const RUN_ID_PATTERN = /^lab-\d{8}-\d{4}-[0-9a-f]{4}$/;

/**
 * `batch-20261126-0112-ab12`: the runs an instructor started at once with
 * `vpce-lab start --runs N`. Their run ids share the batch's minute, so a
 * listing finds them by name before it reads any input.
 */
export const BATCH_ID_PATTERN = /^batch-\d{8}-\d{4}-[0-9a-f]{4}$/;

export const DEFAULT_REGION = 'ap-northeast-2';

/**
 * The ARN of a run's lab-run execution: one execution per run, named by its
 * run id (`vpce-lab start`), so the lab-run state machine's ARN and the run id
 * name it without a lookup.
 */
export const labRunExecutionArn = (labRunStateMachineArn: string, runId: string): string => `${labRunStateMachineArn.replace(':stateMachine:', ':execution:')}:${runId}`;

/** One lab run, as every step of its workflow receives it under `$.run`. */
export const labRunSchema = z.strictObject({
  runId: z.string().regex(RUN_ID_PATTERN, 'a run id looks like lab-20261126-0112-ab12'),
  scenario: z.enum(SCENARIOS),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region looks like ap-northeast-2'),
  /** ISO-8601 time after which the run may be torn down by scheduled cleanup. */
  expiresAt: z.iso.datetime(),
  /** Hold the built lab until `expiresAt` instead of tearing it down straight after verification. */
  keep: z.boolean(),
  /**
   * A guided run pauses before each lesson's change and at the end, until the
   * student continues it (`vpce-lab next`) or its TTL runs out; absent for a
   * run that goes straight through.
   */
  guided: z.boolean().optional(),
  /** The batch the run was started in, for runs started together (`start --runs N`). */
  batchId: z.string().regex(BATCH_ID_PATTERN, 'a batch id looks like batch-20261126-0112-ab12').optional(),
});
export type LabRun = z.infer<typeof labRunSchema>;

/** Which lessons a scenario builds and proves. */
export interface Lessons {
  readonly gateway: boolean;
  readonly interface: boolean;
  readonly service: boolean;
}

export const lessonsOf = (scenario: Scenario): Lessons => ({
  gateway: scenario === 'full' || scenario === 'gateway',
  interface: scenario === 'full' || scenario === 'interface',
  service: scenario === 'full' || scenario === 'service',
});
