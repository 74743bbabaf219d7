import type { LabRun, Lessons } from '../lab-run';
import { expectationText } from '../verification/check-expectations';
import { type CheckTargets, type Lesson, lessonsOn, type PlannedCheck, plannedChecks } from '../verification/lab-checks';
import { type GuidedStop, isLessonStop } from './guided-stops';

/** The instance a check is typed on: the lab's checks all run on the private one (reached from the public one). */
export type LabInstanceRole = 'private' | 'public';

/** One command worth typing at a pause, on which instance, and what it should print. */
export interface BriefCheck {
  readonly checkId: string;
  readonly title: string;
  readonly on: LabInstanceRole;
  readonly command: string;
  readonly expect: string;
}

/** What a guided run tells the student at a pause (`vpce-lab lesson`). */
export interface LessonBrief {
  readonly stop: GuidedStop;
  /** What `vpce-lab next` does from this pause. */
  readonly next: string;
  /** The commands that show the world as it is now, and what they print. */
  readonly tryNow: BriefCheck[];
  /** The same commands once `next` has done its part, and what they print then. */
  readonly afterNext: BriefCheck[];
  /** How long the pause may last: until the run's TTL runs out, at least one second. */
  readonly pauseSeconds: number;
  /** When the pause ends by itself and the run is torn down. */
  readonly continueBy: string;
}

export interface OpenLessonInput {
  readonly run: LabRun;
  readonly stop: GuidedStop;
  readonly lessons: Lessons;
  readonly targets: CheckTargets;
}

/**
 * Stands in for the service endpoint's DNS name in the commands shown before
 * `next` creates the endpoint; `vpce-lab lesson` shows the real name once it
 * exists.
 */
export const SERVICE_ENDPOINT_NAME_TO_COME = '<the service endpoint DNS name>';

const WHAT_NEXT_DOES: Readonly<Record<Lesson, string>> = {
  gateway: 'adds the S3 and DynamoDB gateway endpoints to both route tables, waits until they are available and runs the gateway checks',
  interface: 'adds the CloudFormation interface endpoint with private DNS to the private subnet, waits until it is available and runs the interface checks',
  service:
    "adds the consumer's interface endpoint to the endpoint service, waits until its connection request is accepted and it is available, and until the NLB's targets are healthy, and runs the service checks",
};

const brief = (checks: readonly PlannedCheck[]): BriefCheck[] =>
  checks.map((check) => ({ checkId: check.checkId, title: check.title, on: 'private', command: check.command, expect: expectationText(check.expectation) }));


/**
 * The brief of one pause, from the same planned checks the workflow runs
 * (functions/lab/verification/lab-checks.ts), so what the student is told to
 * expect is what the automatic checks hold the lab to.
 */
export function openLesson(input: OpenLessonInput, now: Date): LessonBrief {
  const pauseSeconds = Math.max(1, Math.floor((Date.parse(input.run.expiresAt) - now.getTime()) / 1000));
  const continueBy = input.run.expiresAt;
  if (!isLessonStop(input.stop)) {
    const last = input.run.keep ? `holds the lab until ${input.run.expiresAt}` : 'tears the lab down';
    return {
      stop: input.stop,
      next: `builds the report of every lesson before and after, then ${last}`,
      tryNow: brief(plannedChecks(lessonsOn(input.lessons), 'after', input.targets)),
      afterNext: [],
      pauseSeconds,
      continueBy,
    };
  }
  const lesson = input.stop;
  const afterTargets = { ...input.targets, serviceEndpointDnsName: input.targets.serviceEndpointDnsName ?? SERVICE_ENDPOINT_NAME_TO_COME };
  return {
    stop: lesson,
    next: `${WHAT_NEXT_DOES[lesson]}, then pauses before what comes next`,
    tryNow: brief(plannedChecks([lesson], 'before', input.targets)),
    afterNext: brief(plannedChecks([lesson], 'after', afterTargets)),
    pauseSeconds,
    continueBy,
  };
}
